package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.token.TokenPrincipal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A user whose own subject reads like a client's made-up subject never owns that client's sessions. */
class SessionOwnerTest {

    @Test
    void clientSubjectIsNeverTheSameOwnerAsAUserWithThatSubject() {
        TokenPrincipal client =
                new TokenPrincipal("https://as", "client:c1", "c1", Set.of(), Instant.EPOCH, Map.of(), true);
        TokenPrincipal user =
                new TokenPrincipal("https://as", "client:c1", "other", Set.of(), Instant.EPOCH, Map.of(), false);
        assertThat(SessionOwner.of(client)).isNotEqualTo(SessionOwner.of(user));
        assertThat(SessionOwner.of(client))
                .isEqualTo(SessionOwner.of(
                        new TokenPrincipal("https://as", "client:c1", "c1", Set.of("x"), Instant.MAX, Map.of(), true)));
    }
}
