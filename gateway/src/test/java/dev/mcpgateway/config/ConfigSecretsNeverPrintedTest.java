package dev.mcpgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.RoutesSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration objects end up in logs and error messages; the secrets they carry must not. */
class ConfigSecretsNeverPrintedTest {

    @Test
    void printedConfigurationHidesUpstreamKeysIntrospectionSecretsAndRedisPasswords() {
        Map<String, String> environment = Map.of(
                "UPSTREAM_KEY",
                "upstream-key-s3cret",
                "INTROSPECTION_SECRET",
                "intro-s3cret",
                "REDIS_URL",
                "redis://:redis-s3cret@redis.internal:6379");
        GatewayConfig config = new RoutesFileParser(environment::get).parse("routes.yaml", RoutesSchema.valid("""
                gateway:
                  public-base-url: https://mcp.example.com
                  rate-limit-store: ${REDIS_URL}
                  session-store: ${REDIS_URL}
                  authorization-servers:
                    corp:
                      issuer: https://auth.example.com
                      introspection:
                        uri: https://auth.example.com/introspect
                        client-id: gateway
                        client-secret: ${INTROSPECTION_SECRET}
                routes:
                  - id: a
                    path: /a/mcp
                    upstream: http://a.internal/mcp
                    authorization-servers: [corp]
                    upstream-headers:
                      X-Api-Key: ${UPSTREAM_KEY}
                """));

        String printed = config.toString();

        assertThat(printed)
                .contains("X-Api-Key", "redis.internal", "https://auth.example.com/introspect")
                .doesNotContain("upstream-key-s3cret", "intro-s3cret", "redis-s3cret");
    }
}
