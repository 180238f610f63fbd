package dev.mcpgateway.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * (c) Streams: {@code load.streams} long-lived GET streams (opened over the first half of the run, each held until
 * the run ends) while calls answered with ten-event SSE streams arrive at {@code load.rate}. The gateway must relay
 * events one by one and keep idle streams open, whatever its time limits.
 */
public class SseStreamsSimulation extends Simulation {

    public SseStreamsSimulation() {
        LoadSettings settings = LoadSettings.fromSystemProperties();
        Duration ramp = settings.duration().dividedBy(2);
        Duration hold = settings.duration().minus(ramp);
        setUp(
                        scenario("GET streams")
                                .feed(TokenFeeders.cached(settings))
                                .exec(McpRequests.idleStream(settings, hold))
                                .injectOpen(rampUsers(settings.streams()).during(ramp))
                                .protocols(McpRequests.streamProtocol(settings)),
                        scenario("tools/call answered as SSE")
                                .feed(TokenFeeders.cached(settings))
                                .exec(McpRequests.stream10(settings))
                                .injectOpen(constantUsersPerSec(settings.rate()).during(settings.duration())))
                .protocols(McpRequests.protocol(settings))
                .maxDuration(settings.maxDuration())
                .assertions(RunRules.assertions(settings));
    }
}
