package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.StreamsConfig;
import dev.mcpgateway.token.TokenAuthentication;
import dev.mcpgateway.token.TokenPrincipal;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamDeadlineTest {

    private static final Instant EXP = Instant.parse("2026-01-01T10:00:00Z");
    private static final Optional<Principal> TOKEN = Optional.of(
            new TokenAuthentication(new TokenPrincipal("https://as", "alice", "client", Set.of("mcp:access"), EXP)));

    @Test
    void aStreamEndsAtItsTokensExpiry() {
        assertThat(StreamDeadline.of(new StreamsConfig(null, true), TOKEN)).contains(EXP);
    }

    @Test
    void aRouteCanKeepStreamsPastTheTokensExpiry() {
        assertThat(StreamDeadline.of(new StreamsConfig(Duration.ofSeconds(5), false), TOKEN))
                .isEmpty();
    }

    @Test
    void aTokenWithoutExpiryOrNoTokenSetsNoDeadline() {
        Optional<Principal> noExpiry =
                Optional.of(new TokenAuthentication(new TokenPrincipal("https://as", "alice", null, Set.of(), null)));
        assertThat(StreamDeadline.of(StreamsConfig.DEFAULTS, noExpiry)).isEmpty();
        assertThat(StreamDeadline.of(StreamsConfig.DEFAULTS, Optional.empty())).isEmpty();
        assertThat(StreamDeadline.of(StreamsConfig.DEFAULTS, Optional.of(() -> "someone")))
                .isEmpty();
    }
}
