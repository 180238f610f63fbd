package dev.mcpgateway.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/**
 * An open legacy HTTP+SSE stream (MCP 2024-11-05) through the gateway, held open while a test posts to the message
 * endpoint its {@code endpoint} event announced: the gateway's session binding lives only as long as the stream.
 */
public final class LegacyStream implements AutoCloseable {

    private final Disposable subscription;
    private final String endpoint;

    private LegacyStream(Disposable subscription, String endpoint) {
        this.subscription = subscription;
        this.endpoint = endpoint;
    }

    /** Opens {@code path} with {@code token} and waits (bounded) for the announced message endpoint. */
    public static LegacyStream open(String baseUrl, String path, String token) {
        CompletableFuture<String> announced = new CompletableFuture<>();
        Disposable subscription = WebClient.create(baseUrl)
                .get()
                .uri(path)
                .headers(h -> h.setBearerAuth(token))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(String.class)
                .subscribe(announced::complete, announced::completeExceptionally);
        try {
            return new LegacyStream(subscription, announced.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            subscription.dispose();
            throw new IllegalStateException("The legacy stream announced no endpoint within 10 s", e);
        }
    }

    /** The path and query to post messages to, as the gateway announced it. */
    public String endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        subscription.dispose();
    }
}
