package dev.mcpgateway.observability;

import org.springframework.web.server.WebFilter;

/**
 * The pipeline step observability contributes, for the security chain to place: not a {@link WebFilter} bean itself,
 * so that Spring WebFlux does not run it a second time as a global filter.
 */
public final class ObservabilitySteps {

    private final DecisionRecorder decisions;

    ObservabilitySteps(DecisionRecorder decisions) {
        this.decisions = decisions;
    }

    /** Counts, times, audits and traces every request to an MCP route, right after route resolution. */
    public WebFilter decisions() {
        return decisions;
    }
}
