package dev.mcpgateway.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mcpgateway.McpAuthGatewayApplication;
import dev.mcpgateway.config.ConfigException;
import dev.mcpgateway.support.TestPeers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * RFC 8414 §3.3: the metadata's {@code issuer} must be identical to the configured issuer. A mismatch is a
 * configuration error that stops start-up (the check runs before the web server starts), naming the route and both
 * values.
 */
class MetadataIssuerMismatchStartupIT {

    @Test
    void issuerMismatchInDiscoveredMetadataFailsStartUpNamingTheRouteAndBothValues() throws Exception {
        try (AuthorizationServerStub authorizationServer = new AuthorizationServerStub()) {
            String configured = authorizationServer.baseUrl() + "/realms/corp";
            String declared = authorizationServer.baseUrl() + "/realms/corp/";
            authorizationServer.publishMetadata("/.well-known/oauth-authorization-server/realms/corp", declared,
                    authorizationServer.url("/jwks"));
            int port = TestPeers.freePort();
            Path routes = Files.createTempDirectory("mismatch").resolve("routes.yaml");
            Files.writeString(routes, """
                    gateway:
                      public-base-url: http://127.0.0.1:%d
                      authorization-servers:
                        corp:
                          issuer: %s
                    routes:
                      - id: github
                        path: /github/mcp
                        upstream: http://127.0.0.1:9/mcp
                        authorization-servers: [corp]
                    """.formatted(port, configured));

            Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(McpAuthGatewayApplication.class)
                    .web(WebApplicationType.REACTIVE)
                    .initializers(OwnReactorResources::register)
                    .run("--gateway.routes-file=" + routes, "--server.port=" + port, "--server.address=127.0.0.1",
                            "--spring.main.banner-mode=off")
                    .close());

            Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
            assertThat(cause).isInstanceOf(ConfigException.class);
            assertThat(cause.getMessage())
                    .contains("gateway.authorization-servers.corp.issuer")
                    .contains("declares issuer '" + declared + "'")
                    .contains("the configured issuer is '" + configured + "'")
                    .contains("used by route(s): github");
        }
    }

    /**
     * Closing an application context that uses Reactor Netty's global resources disposes them for the whole JVM,
     * which would stop the peers other test classes run on them; {@code @SpringBootTest} contexts avoid that the
     * same way.
     */
    private static final class OwnReactorResources implements BeanPostProcessor {

        static void register(ConfigurableApplicationContext context) {
            context.getBeanFactory().addBeanPostProcessor(new OwnReactorResources());
        }

        @Override
        public Object postProcessBeforeInitialization(Object bean, String beanName) {
            if (bean instanceof ReactorResourceFactory factory) {
                factory.setUseGlobalResources(false);
            }
            return bean;
        }
    }
}
