package dev.mcpgateway.observability;

import dev.mcpgateway.token.TokenRejection;
import dev.mcpgateway.web.GatewayError;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How one exchange ended, in two bounded words: the {@code outcome} ({@code allowed} when the gateway forwarded the
 * request, else the kind of refusal) and its {@code reason} (which rule refused, from a fixed vocabulary). Both are
 * metric tags and audit fields, so neither ever carries request data: an unrecognised reason becomes the status.
 *
 * @param outcome  {@code allowed}, {@code unauthorized}, {@code forbidden}, {@code bad_request}, {@code not_found},
 *                 {@code payload_too_large}, {@code rate_limited}, {@code upstream_error} or {@code unavailable}
 * @param reason   {@code none} for allowed requests; else e.g. {@code missing_token}, {@code audience_mismatch},
 *                 {@code insufficient_scope}, {@code tenant}, {@code upstream_unreachable}
 * @param decision {@code allow}, {@code deny} (the gateway refused the request) or {@code error} (it could not be
 *                 served: an upstream or dependency failure)
 */
record Outcome(String outcome, String reason, String decision) {

    static final Outcome ALLOWED = new Outcome("allowed", "none", "allow");

    /** {@code error.data.reason} values of upstream failures (resilience.UpstreamFailure). */
    private static final Set<String> UPSTREAM_REASONS = Set.of(
            "upstream_unreachable",
            "upstream_broken_response",
            "upstream_timeout",
            "circuit_open",
            "too_many_calls",
            "too_many_streams",
            "too_many_connections",
            "internal_error");

    /** The fixed descriptions of {@link TokenRejection} to their names: the reason of an {@code invalid_token}. */
    private static final Map<String, String> TOKEN_REJECTIONS = tokenRejections();

    /** Classifies the refusal the gateway answered with. */
    static Outcome of(GatewayError error) {
        String reason = reason(error);
        int status = error.status().value();
        if (UPSTREAM_REASONS.contains(reason)) {
            return new Outcome("upstream_error", reason, "error");
        }
        return switch (status) {
            case 401 -> new Outcome("unauthorized", reason, "deny");
            // deny-as: jsonrpc-error answers a tool denial with 200 and a JSON-RPC error.
            case 200, 403 -> new Outcome("forbidden", reason, "deny");
            case 404 -> new Outcome("not_found", reason, "deny");
            case 413 -> new Outcome("payload_too_large", reason, "deny");
            case 429 -> new Outcome("rate_limited", reason, "deny");
            default ->
                status >= 500
                        ? new Outcome("unavailable", reason, "error")
                        : new Outcome("bad_request", reason, "deny");
        };
    }

    private static String reason(GatewayError error) {
        Object dataReason = error.data().get("reason");
        if (dataReason instanceof String text) {
            return text;
        }
        Object limit = error.data().get("limit");
        if (limit instanceof String text) {
            return text;
        }
        Object code = error.data().get("error");
        if (code instanceof String text) {
            return text;
        }
        if (error.challenge()) {
            return challengeReason(error.oauthError(), error.description());
        }
        return switch (error.jsonRpcCode()) {
            case -32700 -> "parse_error";
            case -32600 -> "invalid_request";
            case -32601 -> "method_not_found";
            case -32602 -> "invalid_params";
            case -32020 -> "header_mismatch";
            default -> "http_" + error.status().value();
        };
    }

    private static String challengeReason(@Nullable String oauthError, String description) {
        if (oauthError == null) {
            return "missing_token";
        }
        if ("invalid_token".equals(oauthError)) {
            return TOKEN_REJECTIONS.getOrDefault(description, "invalid_token");
        }
        return oauthError;
    }

    private static Map<String, String> tokenRejections() {
        Map<String, String> byDescription = new HashMap<>();
        for (TokenRejection rejection : TokenRejection.values()) {
            byDescription.put(rejection.description(), rejection.name().toLowerCase(Locale.ROOT));
        }
        return Map.copyOf(byDescription);
    }
}
