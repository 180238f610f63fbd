package dev.mcpgateway.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;

/**
 * (d) A storm of calls with garbage tokens (random strings and unsigned JWT look-alikes). {@code 401} and
 * {@code 429} (the per-address limit on unauthenticated traffic, when the gateway has it on) are the expected
 * answers and count as OK; anything else, above all a {@code 200}, is a KO. The upstream must see none of them.
 */
public class UnauthenticatedStormSimulation extends Simulation {

    public UnauthenticatedStormSimulation() {
        LoadSettings settings = LoadSettings.fromSystemProperties();
        setUp(scenario("garbage tokens")
                        .feed(TokenFeeders.garbage())
                        .exec(McpRequests.refused(settings))
                        .injectOpen(constantUsersPerSec(settings.rate()).during(settings.duration())))
                .protocols(McpRequests.protocol(settings))
                .maxDuration(settings.maxDuration())
                .assertions(RunRules.assertions(settings));
    }
}
