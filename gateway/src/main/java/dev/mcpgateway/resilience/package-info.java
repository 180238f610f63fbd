/**
 * Protecting and surviving upstreams: circuit breakers and bulkheads (resilience4j), connect retries,
 * time-to-first-byte deadlines that never cut a healthy SSE stream, keep-alives and graceful drain.
 */
@NullMarked
package dev.mcpgateway.resilience;

import org.jspecify.annotations.NullMarked;
