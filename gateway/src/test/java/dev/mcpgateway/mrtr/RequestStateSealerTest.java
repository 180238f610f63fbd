package dev.mcpgateway.mrtr;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RequestStateSealerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] KEY = new byte[32];
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final MovableClock clock = new MovableClock(NOW);
    private final RequestStateSealer sealer =
            new RequestStateSealer(KEY, Duration.ofMinutes(5), clock, new SecureRandom());

    private static byte[] digest(String params) {
        return ParamsDigest.of(JSON.readTree(params));
    }

    private static RequestBinding binding(String subject, String route, String method, String params) {
        return new RequestBinding("https://as.example", subject, false, route, method, digest(params));
    }

    private static final String PARAMS = "{\"name\":\"ask\",\"arguments\":{\"a\":1,\"b\":[true,\"x\"]}}";
    private static final RequestBinding ALICE = binding("alice", "one", "tools/call", PARAMS);

    @Test
    void aSealedStateOpensUnderItsBindingAndYieldsTheUpstreamsState() {
        String sealed = sealer.seal("opaque ✓ state", ALICE);

        assertThat(sealed).startsWith(RequestStateSealer.PREFIX).doesNotContain("opaque");
        assertThat(sealer.open(sealed, ALICE).state()).contains("opaque ✓ state");
        assertThat(sealer.seal("opaque ✓ state", ALICE))
                .as("a fresh nonce every time")
                .isNotEqualTo(sealed);
    }

    @Test
    void aStateDoesNotOpenForAnotherPrincipalRouteMethodOrParameters() {
        String sealed = sealer.seal("s", ALICE);

        for (RequestBinding other : new RequestBinding[] {
            binding("bob", "one", "tools/call", PARAMS),
            new RequestBinding("https://other-as.example", "alice", false, "one", "tools/call", digest(PARAMS)),
            new RequestBinding("https://as.example", "alice", true, "one", "tools/call", digest(PARAMS)),
            binding("alice", "two", "tools/call", PARAMS),
            binding("alice", "one", "prompts/get", PARAMS),
            binding("alice", "one", "tools/call", "{\"name\":\"ask\",\"arguments\":{\"a\":2,\"b\":[true,\"x\"]}}"),
            binding("alice", "one", "tools/call", "{\"name\":\"other\",\"arguments\":{\"a\":1,\"b\":[true,\"x\"]}}")
        }) {
            assertThat(sealer.open(sealed, other).refusal())
                    .as(other.toString())
                    .contains(RequestStateSealer.Refusal.NOT_GENUINE);
        }
    }

    @Test
    void anAlteredForgedOrForeignStateDoesNotOpen() {
        String sealed = sealer.seal("s", ALICE);
        char[] chars = sealed.toCharArray();
        int middle = chars.length / 2;
        chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
        byte[] otherKey = new byte[32];
        Arrays.fill(otherKey, (byte) 1);
        String foreign =
                new RequestStateSealer(otherKey, Duration.ofMinutes(5), clock, new SecureRandom()).seal("s", ALICE);

        for (String presented : new String[] {
            new String(chars),
            "s",
            "",
            RequestStateSealer.PREFIX,
            RequestStateSealer.PREFIX + "!!",
            foreign,
            sealed.substring(0, sealed.length() - 4)
        }) {
            assertThat(sealer.open(presented, ALICE).refusal())
                    .as(presented)
                    .contains(RequestStateSealer.Refusal.NOT_GENUINE);
        }
    }

    @Test
    void aStateExpiresAfterItsTimeToLive() {
        String sealed = sealer.seal("s", ALICE);

        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(sealer.open(sealed, ALICE).state()).contains("s");
        clock.advance(Duration.ofMillis(1));
        assertThat(sealer.open(sealed, ALICE).refusal()).contains(RequestStateSealer.Refusal.EXPIRED);
    }

    @Test
    void theParamsDigestLeavesOutWhatARetryAddsAndIgnoresMemberOrder() {
        String retry = "{\"arguments\":{\"b\":[true,\"x\"],\"a\":1},\"requestState\":\"x\","
                + "\"inputResponses\":{\"k\":{\"action\":\"accept\"}},\"name\":\"ask\","
                + "\"_meta\":{\"progressToken\":9}}";

        assertThat(digest(retry)).isEqualTo(digest(PARAMS));
        assertThat(digest("{\"name\":\"ask\",\"arguments\":{\"a\":1,\"b\":[\"x\",true]}}"))
                .isNotEqualTo(digest(PARAMS));
        assertThat(digest("{\"name\":\"ask\",\"arguments\":{\"a\":1,\"b\":[true,\"x\"]},\"extra\":null}"))
                .isNotEqualTo(digest(PARAMS));
    }

    /** A clock tests move by hand. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
