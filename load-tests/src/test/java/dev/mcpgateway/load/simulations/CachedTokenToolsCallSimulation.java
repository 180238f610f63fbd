package dev.mcpgateway.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;

/**
 * (a) {@code tools/call} at a fixed arrival rate with a handful of tokens reused: the steady state of real clients,
 * where every token is verified once and then found in the gateway's cache.
 */
public class CachedTokenToolsCallSimulation extends Simulation {

    public CachedTokenToolsCallSimulation() {
        LoadSettings settings = LoadSettings.fromSystemProperties();
        setUp(scenario("tools/call, cached tokens")
                        .feed(TokenFeeders.cached(settings))
                        .exec(McpRequests.echo(settings, "tools/call echo"))
                        .injectOpen(constantUsersPerSec(settings.rate()).during(settings.duration())))
                .protocols(McpRequests.protocol(settings))
                .maxDuration(settings.maxDuration())
                .assertions(RunRules.assertions(settings));
    }
}
