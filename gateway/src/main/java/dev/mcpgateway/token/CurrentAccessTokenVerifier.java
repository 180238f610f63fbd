package dev.mcpgateway.token;

import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.config.GatewayConfig;
import dev.mcpgateway.config.GatewayConfigStore;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Keeps one {@link RouteTokenVerifier} for the configured authorization servers, rebuilt only when
 * a reload changes them: route-only edits keep the JWKS, verified-token and introspection caches warm.
 */
public final class CurrentAccessTokenVerifier implements Supplier<RouteTokenVerifier>, DisposableBean {

    private final WebClient webClient;
    private final TokenVerifierSettings settings;
    private final Clock clock;
    private final AtomicReference<Built> current = new AtomicReference<>();

    public CurrentAccessTokenVerifier(
            GatewayConfigStore store, WebClient webClient, TokenVerifierSettings settings, Clock clock) {
        this.webClient = webClient;
        this.settings = settings;
        this.clock = clock;
        rebuildIfChanged(store.current());
        store.onChange(this::rebuildIfChanged);
    }

    @Override
    public RouteTokenVerifier get() {
        return current.get().verifier();
    }

    private void rebuildIfChanged(GatewayConfig config) {
        Built previous = current.get();
        if (previous != null && previous.servers().equals(config.authorizationServers())) {
            return;
        }
        current.set(new Built(
                config.authorizationServers(),
                new RouteTokenVerifier(config.authorizationServers().values(), webClient, settings, clock)));
        if (previous != null) {
            previous.verifier().close();
        }
    }

    @Override
    public void destroy() {
        current.get().verifier().close();
    }

    private record Built(Map<String, AuthorizationServerConfig> servers, RouteTokenVerifier verifier) {}
}
