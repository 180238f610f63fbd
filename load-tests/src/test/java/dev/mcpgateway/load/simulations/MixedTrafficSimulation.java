package dev.mcpgateway.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * (e) A realistic mix at {@code load.rate} arrivals per second: mostly cached-token tool calls, some
 * {@code tools/list}, some streamed answers, a few clients with a new token and a few with a bad one, plus a tenth
 * of {@code load.streams} idle GET streams held for the second half of the run.
 */
public class MixedTrafficSimulation extends Simulation {

    public MixedTrafficSimulation() {
        LoadSettings settings = LoadSettings.fromSystemProperties();
        Duration ramp = settings.duration().dividedBy(2);
        setUp(
                        scenario("mixed calls")
                                .randomSwitch()
                                .on(
                                        new Choice.WithWeight(
                                                70,
                                                feed(TokenFeeders.cached(settings))
                                                        .exec(McpRequests.echo(settings, "tools/call echo"))),
                                        new Choice.WithWeight(
                                                10,
                                                feed(TokenFeeders.cached(settings))
                                                        .exec(McpRequests.toolsList(settings))),
                                        new Choice.WithWeight(
                                                10,
                                                feed(TokenFeeders.cached(settings))
                                                        .exec(McpRequests.stream10(settings))),
                                        new Choice.WithWeight(
                                                5,
                                                feed(TokenFeeders.fresh(settings))
                                                        .exec(McpRequests.echo(
                                                                settings, "tools/call echo, new token"))),
                                        new Choice.WithWeight(
                                                5, feed(TokenFeeders.garbage()).exec(McpRequests.refused(settings))))
                                .injectOpen(constantUsersPerSec(settings.rate()).during(settings.duration())),
                        scenario("mixed GET streams")
                                .feed(TokenFeeders.cached(settings))
                                .exec(McpRequests.idleStream(
                                        settings, settings.duration().minus(ramp)))
                                .injectOpen(rampUsers(Math.max(1, settings.streams() / 10))
                                        .during(ramp))
                                .protocols(McpRequests.streamProtocol(settings)))
                .protocols(McpRequests.protocol(settings))
                .maxDuration(settings.maxDuration())
                .assertions(RunRules.assertions(settings));
    }
}
