package dev.mcpgateway.mcp;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Whether a caller holds the session it names. A session of another principal and an unknown
 * session are the same answer, so nobody learns which ids exist. Never fails: an unreachable store
 * is an answer of its own ({@link Verdict#UNAVAILABLE}), for which the caller refuses the request.
 *
 * @param verdict the answer
 * @param binding the caller's binding when {@link Verdict#OWNED}, else {@code null}
 */
record SessionCheck(Verdict verdict, @Nullable SessionBinding binding) {

    private static final Logger log = LoggerFactory.getLogger(SessionCheck.class);

    /** Owned by the caller, unknown (or someone else's: the same answer), or not checkable now. */
    enum Verdict {
        OWNED,
        NOT_FOUND,
        UNAVAILABLE
    }

    /**
     * The caller's binding.
     *
     * @throws IllegalStateException unless {@link Verdict#OWNED}
     */
    SessionBinding ownedBinding() {
        if (binding == null) {
            throw new IllegalStateException("A " + verdict + " session check carries no binding");
        }
        return binding;
    }

    static Mono<SessionCheck> of(SessionStore store, String routeId, String sessionId, Optional<SessionOwner> owner) {
        if (owner.isEmpty() || !SessionPrincipal.plausibleSessionId(sessionId)) {
            return Mono.just(new SessionCheck(Verdict.NOT_FOUND, null));
        }
        return store.find(SessionStore.key(routeId, sessionId))
                .map(binding -> binding.owner().equals(owner.get())
                        ? new SessionCheck(Verdict.OWNED, binding)
                        : new SessionCheck(Verdict.NOT_FOUND, null))
                .defaultIfEmpty(new SessionCheck(Verdict.NOT_FOUND, null))
                .onErrorResume(unavailable -> {
                    log.warn("Session store unavailable: {}", unavailable.toString());
                    return Mono.just(new SessionCheck(Verdict.UNAVAILABLE, null));
                });
    }
}
