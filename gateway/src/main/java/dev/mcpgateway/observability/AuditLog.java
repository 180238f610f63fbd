package dev.mcpgateway.observability;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: one JSON object per line, one line per decision, on the logger {@value #LOGGER} (route it to its
 * own appender or turn it off with {@code logging.level.mcp.audit}). Fields, in order: {@code time},
 * {@code request_id}, {@code route}, {@code subject}, {@code client_id}, {@code tenant}, {@code http_method},
 * {@code mcp_method}, {@code tool}, {@code decision}, {@code outcome}, {@code reason}, {@code status},
 * {@code latency_ms} (until the answer's headers were sent), and on routes with {@code audit.argument-names: true}
 * {@code argument_names}: the names of the tool call's arguments, never their values.
 * A field without a value is {@code null}.
 *
 * <p>What is never written: the access token or any part of it, and tool argument values. The entry is built from
 * the validated principal and what MCP inspection read; the token is not reachable from either.
 */
final class AuditLog {

    static final String LOGGER = "mcp.audit";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    boolean enabled() {
        return log.isInfoEnabled();
    }

    void write(Entry entry) {
        StringBuilder line = new StringBuilder(320);
        line.append('{');
        field(line, "time", entry.time().toString(), true);
        field(line, "request_id", entry.requestId(), false);
        field(line, "route", entry.route(), false);
        field(line, "subject", entry.subject(), false);
        field(line, "client_id", entry.clientId(), false);
        field(line, "tenant", entry.tenant(), false);
        field(line, "http_method", entry.httpMethod(), false);
        field(line, "mcp_method", entry.mcpMethod(), false);
        field(line, "tool", entry.tool(), false);
        field(line, "decision", entry.outcome().decision(), false);
        field(line, "outcome", entry.outcome().outcome(), false);
        field(line, "reason", entry.outcome().reason(), false);
        line.append(",\"status\":").append(entry.status());
        line.append(",\"latency_ms\":").append(entry.latencyMillis());
        List<String> argumentNames = entry.argumentNames();
        if (argumentNames != null) {
            line.append(",\"argument_names\":[");
            for (int i = 0; i < argumentNames.size(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                quoted(line, argumentNames.get(i));
            }
            line.append(']');
        }
        line.append('}');
        log.info(line.toString());
    }

    private static void field(StringBuilder line, String name, @Nullable String value, boolean first) {
        if (!first) {
            line.append(',');
        }
        line.append('"').append(name).append("\":");
        if (value == null) {
            line.append("null");
        } else {
            quoted(line, value);
        }
    }

    /**
     * RFC 8259 §7: quotes, backslashes and every control character escaped (C1 and {@code DEL} too: Python's
     * {@code splitlines()} breaks at {@code U+0085}), as are the Unicode line and paragraph separators, so one entry is
     * always one line.
     */
    private static void quoted(StringBuilder line, String value) {
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7F && c <= 0x9F || c == 0x2028 || c == 0x2029) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }

    /** One decision. */
    record Entry(
            Instant time,
            String requestId,
            String route,
            @Nullable String subject,
            @Nullable String clientId,
            @Nullable String tenant,
            String httpMethod,
            @Nullable String mcpMethod,
            @Nullable String tool,
            Outcome outcome,
            int status,
            long latencyMillis,
            @Nullable List<String> argumentNames) {}
}
