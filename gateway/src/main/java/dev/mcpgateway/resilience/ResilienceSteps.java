package dev.mcpgateway.resilience;

import dev.mcpgateway.config.RouteConfig;
import dev.mcpgateway.web.ErrorResponseWriter;
import java.time.Clock;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.web.server.WebFilter;

/**
 * The resilience steps of the pipeline (DESIGN.md §2 step 10): admission while the gateway runs, and for each route,
 * built once when {@code routes.yaml} loads, the release of what an exchange holds when its response ends, the end of
 * GET streams at token expiry or shutdown, keep-alive comments (where {@code streams.keep-alive} is on), and, around
 * the upstream call, the bulkhead, the circuit breaker and the connect retry (where {@code retry-connect} is on). The
 * route's bulkheads and circuit breaker outlive reloads that leave its resilience settings alone
 * ({@link UpstreamGuards}).
 */
public final class ResilienceSteps {

    private static final ExchangeCompletion EXCHANGE_COMPLETION = new ExchangeCompletion();

    private final AdmissionFilter admission;
    private final UpstreamGuards guards;
    private final DrainState drain;
    private final Clock clock;

    ResilienceSteps(UpstreamGuards guards, DrainState drain, ErrorResponseWriter errors, Clock clock) {
        this.admission = new AdmissionFilter(drain, errors);
        this.guards = guards;
        this.drain = drain;
        this.clock = clock;
    }

    /** Refuses MCP requests once a graceful shutdown has begun, and counts those in flight. */
    public WebFilter admission() {
        return admission;
    }

    /** Runs the hooks later steps register once the response has ended; the outermost route step. */
    public GatewayFilter exchangeCompletion() {
        return EXCHANGE_COMPLETION;
    }

    /** Ends GET streams at their token's expiry (if the route says so) and when shutdown closes streams. */
    public GatewayFilter streamLifetime(RouteConfig route) {
        return new StreamLifetimeFilter(route.streams(), drain, clock);
    }

    /** Comments into idle event streams; empty when the route's {@code streams.keep-alive} is off. */
    public Optional<GatewayFilter> keepAlive(RouteConfig route) {
        return Optional.ofNullable(route.streams().keepAlive()).map(KeepAliveFilter::new);
    }

    /** A call or stream permit of the route's upstream, held until the response ends. */
    public GatewayFilter bulkhead(RouteConfig route) {
        return new BulkheadFilter(route.id(), guards.forRoute(route));
    }

    /** The route's circuit breaker, judging the upstream at response headers. */
    public GatewayFilter circuitBreaker(RouteConfig route) {
        return new CircuitBreakerFilter(route.id(), guards.forRoute(route));
    }

    /** One more attempt when the connection could not be established; empty unless the route asks for it. */
    public Optional<GatewayFilter> connectRetry(RouteConfig route) {
        return route.resilience().retryConnect() ? Optional.of(new ConnectRetryFilter(route.id())) : Optional.empty();
    }
}
