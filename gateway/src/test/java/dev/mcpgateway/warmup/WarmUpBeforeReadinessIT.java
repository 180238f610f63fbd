package dev.mcpgateway.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mcpgateway.McpAuthGatewayApplication;
import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.support.SingleRoutePeers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A gateway started with {@code gateway.warm-up.*} set: it warms itself up through its own port, with its own
 * traffic only (the upstream of {@code routes.yaml} sees none of it), writes none of it to the audit trail or the
 * exported meters, turns ready when it is over, and leaves the routes of the file as they were. Every test first waits
 * for the warm-up to end, so what the file's upstream saw before is the warm-up's doing alone.
 */
@Import(WarmUpBeforeReadinessIT.AuditCapture.class)
@SpringBootTest(
        classes = McpAuthGatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "gateway.warm-up.duration=120s",
            "gateway.warm-up.max-requests=1000",
            "gateway.warm-up.connections=4",
            // Signing keys read at start-up, as in production (the tests' default reads them on the first token).
            "gateway.readiness.authorization-servers=true"
        })
class WarmUpBeforeReadinessIT {

    private static final SingleRoutePeers PEERS = SingleRoutePeers.start("warm-up-before-readiness-it", "/file/mcp");
    private static final ListAppender<ILoggingEvent> AUDIT = new ListAppender<>();
    /** What the file's upstream had received when the warm-up ended; set by the first test to see it end. */
    private static volatile int upstreamCallsDuringWarmUp = -1;
    /** How often the file's signing keys had been read when the warm-up ended (start-up read included). */
    private static volatile int jwksReadsUntilTheWarmUpEnded = -1;

    @Autowired
    GatewayWarmUp warmUp;

    @Autowired
    GatewayConfigStore store;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        PEERS.properties(registry);
    }

    @AfterAll
    static void stopPeers() {
        ((Logger) LoggerFactory.getLogger("mcp.audit")).detachAppender(AUDIT);
        PEERS.close();
    }

    @BeforeEach
    void waitForTheWarmUpToEnd() {
        await().atMost(Duration.ofSeconds(180)).until(warmUp::finished);
        synchronized (WarmUpBeforeReadinessIT.class) {
            if (upstreamCallsDuringWarmUp < 0) {
                upstreamCallsDuringWarmUp = PEERS.upstream.count();
                jwksReadsUntilTheWarmUpEnded = PEERS.authorizationServer.jwksFetches();
            }
        }
    }

    @Test
    void theWarmUpSendsItsRequestsThroughTheGatewayAndReadinessTurnsUpWhenItIsOver() {
        assertThat(warmUp.health().getStatus()).isEqualTo(Status.UP);
        assertThat(warmUp.health().getDetails()).containsEntry("warmUp", "done");
        assertThat(warmUp.summary())
                .startsWith("1,000 requests in ")
                .contains("200: ")
                .contains("202: ")
                .contains("401: ")
                .contains("403: ")
                .doesNotContain("no answer");
    }

    @Test
    void theUpstreamOfTheFileSeesNoneOfTheWarmUp() {
        assertThat(upstreamCallsDuringWarmUp).isZero();
    }

    /**
     * Its route's server comes and goes, and the token verifier is rebuilt each time; the file's server keeps the
     * keys read at start-up (nothing of the file's authorization server is called for the warm-up).
     */
    @Test
    void theWarmUpReadsTheSigningKeysOfTheFilesServerNoMoreThanStartUpDid() {
        assertThat(jwksReadsUntilTheWarmUpEnded).isEqualTo(1);
    }

    @Test
    void theWarmUpIsNeitherAuditedNorExportedAndItsRouteIsGone() {
        assertThat(AUDIT.list).noneMatch(line -> line.getFormattedMessage().contains(WarmUpRoute.ID));
        assertThat(meters.getMeters())
                .filteredOn(meter -> WarmUpRoute.ID.equals(meter.getId().getTag("route")))
                .extracting(meter -> meter.getId().toString())
                .isEmpty();
        assertThat(store.current().routes()).extracting(route -> route.id()).containsExactly("only");
        assertThat(store.current().authorizationServers()).doesNotContainKey(WarmUpRoute.ID);

        // The capture works: a client's call is in it.
        call(PEERS.token("mcp:access")).expectStatus().isOk();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> AUDIT.list.stream()
                        .anyMatch(line -> line.getFormattedMessage().contains("\"route\":\"only\"")));
    }

    @Test
    void clientsAfterTheWarmUpAreServedAsWithoutItAndNoneIsRateLimitedForIt() {
        call(PEERS.token("mcp:access")).expectStatus().isOk();
        call("not-a-token").expectStatus().isUnauthorized();
        call(null).expectStatus().isUnauthorized();
    }

    /**
     * Attaches the audit capture while the context is built: after Spring Boot has set logging up (which drops
     * appenders attached before) and before the application is ready, when the warm-up starts.
     */
    @TestConfiguration
    static class AuditCapture {

        @Bean
        ListAppender<ILoggingEvent> auditCapture() {
            AUDIT.start();
            ((Logger) LoggerFactory.getLogger("mcp.audit")).addAppender(AUDIT);
            return AUDIT;
        }
    }

    private static WebTestClient.ResponseSpec call(String token) {
        return PEERS.client()
                .post()
                .uri(PEERS.path)
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}")
                .exchange();
    }
}
