package dev.mcpgateway.token;

import static dev.mcpgateway.token.Rejections.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.mcpgateway.config.ConfigException;
import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.GatewayConfigStore;
import dev.mcpgateway.config.RoutesFileParser;
import dev.mcpgateway.support.RoutesSchema;
import dev.mcpgateway.support.TestAuthorizationServer;
import dev.mcpgateway.support.TestPeers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;

/** Authorization-server metadata checked at start-up and on every reload, tolerant of servers without metadata. */
class AuthorizationServerMetadataRegistryTest {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger checkerLogger = (Logger) LoggerFactory.getLogger(MetadataChecker.class);
    private TestAuthorizationServer authorizationServer;
    private Path routesFile;
    private String issuer;

    @BeforeEach
    void setUp() throws IOException {
        logs.start();
        checkerLogger.addAppender(logs);
        authorizationServer = TestAuthorizationServer.start();
        issuer = authorizationServer.baseUrl() + "/t1";
        routesFile = Files.createTempDirectory("metadata").resolve("routes.yaml");
        write(issuer);
    }

    @AfterEach
    void tearDown() {
        checkerLogger.detachAppender(logs);
        authorizationServer.close();
    }

    @Test
    void validMetadataWithS256IsRecordedWithoutWarnings() {
        publish(issuer, List.of("S256"));

        AuthorizationServerMetadataRegistry registry = started();

        MetadataStatus status = registry.statuses().get("corp");
        assertThat(status.state()).isEqualTo(MetadataStatus.State.VALID);
        assertThat(status.metadata().supportsS256()).isTrue();
        assertThat(status.warnings()).isEmpty();
    }

    @Test
    void metadataWithoutS256StartsButIsWarnedAboutProminently() {
        publish(issuer, List.of("plain"));

        AuthorizationServerMetadataRegistry registry = started();

        assertThat(registry.statuses().get("corp").warnings()).containsExactly(MetadataChecker.NO_S256);
        assertThat(logs.list).anySatisfy(event -> {
            assertThat(event.getLevel().toString()).isEqualTo("WARN");
            assertThat(event.getFormattedMessage())
                    .contains("*****")
                    .contains("'corp'")
                    .contains("S256")
                    .contains("Route(s) affected: r");
        });
    }

    @Test
    void metadataWithoutAnyCodeChallengeMethodsIsWarnedAbout() {
        authorizationServer.publishMetadata(
                "/.well-known/oauth-authorization-server/t1", issuer, authorizationServer.url("/jwks"));

        assertThat(started().statuses().get("corp").warnings()).containsExactly(MetadataChecker.NO_S256);
    }

    @Test
    void missingMetadataIsToleratedAndReported() {
        AuthorizationServerMetadataRegistry registry = started();

        assertThat(registry.statuses().get("corp").state()).isEqualTo(MetadataStatus.State.NOT_FOUND);
    }

    @Test
    void unreachableMetadataIsToleratedAndReported() throws IOException {
        write("http://127.0.0.1:" + TestPeers.freePort() + "/down");

        assertThat(started().statuses().get("corp").state()).isEqualTo(MetadataStatus.State.UNREACHABLE);
    }

    @Test
    void issuerMismatchStopsStartUp() {
        publish(issuer + "/", List.of("S256"));
        AuthorizationServerMetadataRegistry registry = registry(store());

        assertThatThrownBy(registry::start)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.authorization-servers.corp.issuer: the authorization server metadata at "
                        + authorizationServer.baseUrl() + "/.well-known/oauth-authorization-server/t1 declares issuer '"
                        + issuer + "/' but the configured issuer is '" + issuer + "'")
                .hasMessageContaining("used by route(s): r");
    }

    @Test
    void reloadWithAnIssuerMismatchIsRejectedAndTheLastGoodConfigurationKeepsServing() throws IOException {
        publish(issuer, List.of("S256"));
        GatewayConfigStore store = store();
        registry(store).start();
        String other = authorizationServer.baseUrl() + "/t2";
        authorizationServer.publishDocument(
                "/.well-known/oauth-authorization-server/t2",
                200,
                JSONObjectUtils.toJSONString(Map.of("issuer", "https://impostor.example")));

        write(other);

        assertThat(store.reload()).isFalse();
        assertThat(store.current().authorizationServer("corp").issuer()).isEqualTo(issuer);
    }

    @Test
    void reloadWithValidMetadataGoesLiveWithItsStatuses() throws IOException {
        publish(issuer, List.of("S256"));
        GatewayConfigStore store = store();
        AuthorizationServerMetadataRegistry registry = registry(store);
        registry.start();
        String other = authorizationServer.baseUrl() + "/t2";
        authorizationServer.publishDocument(
                "/.well-known/oauth-authorization-server/t2",
                200,
                JSONObjectUtils.toJSONString(Map.of("issuer", other)));

        write(other);

        assertThat(store.reload()).isTrue();
        assertThat(registry.statuses().get("corp").issuer()).isEqualTo(other);
        assertThat(registry.statuses().get("corp").warnings()).containsExactly(MetadataChecker.NO_S256);
    }

    @Test
    void metadataMissingAtStartUpIsLookedUpOnDemandAtMostOncePerInterval() {
        GatewayConfigStore store = store();
        AuthorizationServerMetadataRegistry registry = registry(store);
        registry.start();
        publish(issuer, List.of("S256"));
        int before = authorizationServer.totalRequests();

        assertThat(registry.metadata(store.current().authorizationServer("corp"))
                        .block(WAIT))
                .isNotNull();
        assertThat(registry.metadata(store.current().authorizationServer("corp"))
                        .block(WAIT))
                .isNotNull();

        assertThat(authorizationServer.totalRequests() - before).isEqualTo(1);
        assertThat(registry.statuses().get("corp").state()).isEqualTo(MetadataStatus.State.VALID);
    }

    @Test
    void failedOnDemandLookupIsNotRepeatedWithinTheInterval() {
        GatewayConfigStore store = store();
        AuthorizationServerMetadataRegistry registry = registry(store);
        registry.start();
        int before = authorizationServer.totalRequests();

        assertThat(registry.metadata(store.current().authorizationServer("corp"))
                        .blockOptional(WAIT))
                .isEmpty();
        int oneLookup = authorizationServer.totalRequests() - before;
        assertThat(registry.metadata(store.current().authorizationServer("corp"))
                        .blockOptional(WAIT))
                .isEmpty();

        assertThat(oneLookup)
                .as("the three well-known locations of a path issuer")
                .isEqualTo(3);
        assertThat(authorizationServer.totalRequests() - before).isEqualTo(oneLookup);
    }

    @Test
    void theEndOfAnOverlayForgetsTheServerItAddedAndKeepsTheFilesServers() {
        publish(issuer, List.of("S256"));
        GatewayConfigStore store = store();
        AuthorizationServerMetadataRegistry registry = registry(store);
        registry.start();
        GatewayConfig extra =
                new RoutesFileParser(name -> null).parse("the warm-up route", """
                gateway:
                  public-base-url: https://mcp.example.com
                  authorization-servers:
                    warm: { issuer: "http://127.0.0.1:%d/down" }
                routes:
                  - { id: warm, path: /warm/mcp, upstream: "http://127.0.0.1:9/mcp", authorization-servers: [warm] }
                """.formatted(TestPeers.freePort()));
        assertThat(store.overlay(config -> config.withWarmUp(extra.routes().get(0), extra.authorizationServer("warm"))))
                .isEmpty();
        assertThat(registry.statuses()).containsOnlyKeys("corp", "warm");

        store.removeOverlay();

        assertThat(registry.statuses()).containsOnlyKeys("corp");
        assertThat(registry.statuses().get("corp").state()).isEqualTo(MetadataStatus.State.VALID);
    }

    @Test
    void waitingIsRefusedOnAnEventLoopThread() {
        AuthorizationServerMetadataRegistry registry = registry(store());

        Throwable failure = reactor.core.publisher.Mono.fromRunnable(registry::start)
                .subscribeOn(reactor.core.scheduler.Schedulers.parallel())
                .then(reactor.core.publisher.Mono.<Throwable>empty())
                .onErrorResume(reactor.core.publisher.Mono::just)
                .block(WAIT);

        assertThat(failure).isInstanceOf(IllegalStateException.class);
    }

    private AuthorizationServerMetadataRegistry started() {
        AuthorizationServerMetadataRegistry registry = registry(store());
        registry.start();
        return registry;
    }

    private GatewayConfigStore store() {
        return new GatewayConfigStore(routesFile, new RoutesFileParser(name -> null));
    }

    private static AuthorizationServerMetadataRegistry registry(GatewayConfigStore store) {
        return new AuthorizationServerMetadataRegistry(
                store,
                new IssuerMetadataDiscovery(WebClient.create(), Duration.ofSeconds(2)),
                Duration.ofSeconds(7),
                Clock.systemUTC());
    }

    private void publish(String declaredIssuer, List<String> methods) {
        authorizationServer.publishDocument(
                "/.well-known/oauth-authorization-server/t1",
                200,
                JSONObjectUtils.toJSONString(
                        Map.of("issuer", declaredIssuer, "code_challenge_methods_supported", methods)));
    }

    private void write(String serverIssuer) throws IOException {
        Files.writeString(routesFile, RoutesSchema.valid("""
                gateway:
                  public-base-url: https://mcp.example.com
                  authorization-servers:
                    corp: { issuer: "%s" }
                routes:
                  - id: r
                    path: /r/mcp
                    upstream: http://127.0.0.1:9/mcp
                    authorization-servers: [corp]
                """.formatted(serverIssuer)));
    }
}
