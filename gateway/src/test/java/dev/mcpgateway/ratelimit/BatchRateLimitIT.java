package dev.mcpgateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.support.GatewayIntegrationTest;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/**
 * Rate limits count JSON-RPC messages, not HTTP requests: every element of a batch is charged like a single
 * request, to the tenant's bucket and, for a {@code tools/call}, to the tool's; a batch with any element over a
 * limit is refused whole and costs nothing. Route {@code limited}: tenants get 5 messages an hour, and 2 calls of
 * {@code add}. Each test uses a tenant of its own ({@code org} claim).
 */
class BatchRateLimitIT extends GatewayIntegrationTest {

    private static final String PATH = "/limited/mcp";

    @Test
    void batchCannotEscapeAToolLimitThatSingleCallsReached() {
        String tenant = newTenant();
        send(tenant, call(1, "add")).expectStatus().isOk();
        send(tenant, call(2, "add")).expectStatus().isOk();
        int before = PEERS.upstream.count();
        send(tenant, "[" + call(3, "add") + "," + call(4, "add") + "]")
                .expectStatus()
                .isEqualTo(429);
        send(tenant, "[" + call(5, "add") + "]").expectStatus().isEqualTo(429);
        send(tenant, "[" + call(6, "echo") + "," + call(7, "add") + "]")
                .expectStatus()
                .isEqualTo(429);
        assertThat(PEERS.upstream.count()).isEqualTo(before);
    }

    @Test
    void batchOverAToolLimitIsRefusedWholeAndCostsNothing() {
        String tenant = newTenant();
        send(tenant, "[" + call(1, "add") + "," + call(2, "add") + "," + call(3, "add") + "]")
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After");
        send(tenant, "[" + call(4, "add") + "," + call(5, "add") + "]")
                .expectStatus()
                .isOk();
        send(tenant, call(6, "add")).expectStatus().isEqualTo(429);
    }

    @Test
    void everyElementOfABatchCostsATenantToken() {
        String tenant = newTenant();
        String six =
                IntStream.rangeClosed(1, 6).mapToObj(id -> call(id, "echo")).collect(Collectors.joining(",", "[", "]"));
        int before = PEERS.upstream.count();
        send(tenant, six).expectStatus().isEqualTo(429);
        assertThat(PEERS.upstream.count()).isEqualTo(before);
        String five =
                IntStream.rangeClosed(1, 5).mapToObj(id -> call(id, "echo")).collect(Collectors.joining(",", "[", "]"));
        send(tenant, five).expectStatus().isOk();
        send(tenant, call(7, "echo")).expectStatus().isEqualTo(429);
    }

    @Test
    void namesImitatingAToolWithAPlanPayIntoItsBucket() {
        String tenant = newTenant();
        send(tenant, call(1, "ADD")).expectStatus().isOk();
        send(tenant, call(2, " add")).expectStatus().isOk();
        int before = PEERS.upstream.count();
        for (String lookalike : java.util.List.of("add", "Add", "\uff41\uff44\uff44", "add\u200b", "add ")) {
            send(tenant, call(3, lookalike)).expectStatus().isEqualTo(429);
        }
        assertThat(PEERS.upstream.count()).isEqualTo(before);
    }

    private ResponseSpec send(String tenant, String body) {
        return client().post()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(tokenFor(PATH, "mcp:access", claims -> claims.claim("org", tenant))))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static String call(int id, String tool) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\"}}";
    }

    private static String newTenant() {
        return "tenant-" + UUID.randomUUID();
    }
}
