package dev.mcpgateway.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;

/**
 * (b) {@code tools/call} with the next unused token of the file on every request: signature verification (and a
 * cache insertion) on the hot path. Mint at least {@code load.rate × load.seconds} tokens, or the file wraps and the
 * tail of the run measures cached tokens.
 */
public class NewTokenPerRequestSimulation extends Simulation {

    public NewTokenPerRequestSimulation() {
        LoadSettings settings = LoadSettings.fromSystemProperties();
        setUp(scenario("tools/call, new token per request")
                        .feed(TokenFeeders.fresh(settings))
                        .exec(McpRequests.echo(settings, "tools/call echo, new token"))
                        .injectOpen(constantUsersPerSec(settings.rate()).during(settings.duration())))
                .protocols(McpRequests.protocol(settings))
                .maxDuration(settings.maxDuration())
                .assertions(RunRules.assertions(settings));
    }
}
