package dev.mcpgateway.mrtr;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Where a route's {@link RequestStateSealer} comes from: the configured key ({@code gateway.request-state.key}), or
 * the key all replicas agree on through the session store (the first replica's generated key, kept in Redis; with
 * an in-memory store, this process's own). Once read, the key is kept for the life of the route's pipeline, so the
 * store is asked once, not per request; while it cannot be read, requests that need it are refused.
 */
final class SealerSource {

    private final Supplier<Mono<byte[]>> key;
    private final Function<byte[], RequestStateSealer> sealerOf;
    private final AtomicReference<@Nullable RequestStateSealer> known = new AtomicReference<>();

    private SealerSource(Supplier<Mono<byte[]>> key, Function<byte[], RequestStateSealer> sealerOf) {
        this.key = key;
        this.sealerOf = sealerOf;
    }

    static SealerSource fixed(RequestStateSealer sealer) {
        SealerSource source = new SealerSource(() -> Mono.error(new IllegalStateException("unused")), key -> sealer);
        source.known.set(sealer);
        return source;
    }

    static SealerSource shared(Supplier<Mono<byte[]>> key, Function<byte[], RequestStateSealer> sealerOf) {
        return new SealerSource(key, sealerOf);
    }

    /** The sealer; an error while the shared key cannot be read. */
    Mono<RequestStateSealer> get() {
        RequestStateSealer sealer = known.get();
        if (sealer != null) {
            return Mono.just(sealer);
        }
        return Mono.defer(key).map(sealerOf).doOnNext(known::set);
    }
}
