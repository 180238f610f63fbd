package dev.mcpgateway.mcp;

import dev.mcpgateway.mcp.InspectedMessage.Kind;
import dev.mcpgateway.web.Json;
import dev.mcpgateway.web.Lookalikes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a POST body as JSON-RPC 2.0 (MCP basic, "Messages"): a single message, or a batch whose
 * every element is read (batches are allowed up to MCP 2025-03-26, and a gateway that authorizes
 * per method must look at each element). A pure function of the bytes.
 *
 * <p>Duplicate object keys are refused as a parse error: {@code {"name":"echo","name":"drop_db"}}
 * would otherwise let the gateway authorize one tool while an upstream parser that keeps the first
 * key calls another. For the same reason keys of a message or its {@code params} that a loose parser could
 * confuse (differing only in case or Unicode spelling, or imitating a JSON-RPC member: Go's decoder folds case)
 * are refused, so is a method that imitates an MCP method ({@code Tools/Call}), and the body is decoded as
 * strict UTF-8 (RFC 8259 §8.1) rather than by guessing its encoding. Such keys, the method and the name or URI a
 * call targets never hold a control character or a lone surrogate ({@link Lookalikes#hasControlCharacter}): what
 * {@code whoami} followed by {@code NUL} names depends on who reads it.
 */
public final class JsonRpcInspector {

    private static final JsonMapper STRICT = Json.STRICT;

    /** JSON-RPC 2.0 §4 and §5 members. */
    private static final Map<String, String> MESSAGE_MEMBERS =
            byComparisonKey(Set.of("jsonrpc", "id", "method", "params", "result", "error"));
    /**
     * The members of MCP request params the gateway reads or authorizes on, and those of a multi round-trip retry
     * (MCP 2026-07-28 basic/patterns/mrtr), whose {@code requestState} the gateway opens: a {@code RequestState} that
     * a case-folding upstream reads as the state must not slip past unopened.
     */
    private static final Map<String, String> PARAMS_MEMBERS =
            byComparisonKey(Set.of("name", "uri", "arguments", "_meta", "cursor", "requestState", "inputResponses"));

    private static final String REQUEST_STATE = "requestState";
    /** 2^53 - 1, the largest integer every JSON parser represents exactly. */
    private static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

    private JsonRpcInspector() {}

    /** The messages of a body and whether it was a batch. */
    public record Inspection(List<InspectedMessage> messages, boolean batch) {
        public Inspection {
            messages = List.copyOf(messages);
        }
    }

    /** @throws JsonRpcViolation {@code -32700} for malformed JSON, {@code -32600}/{@code -32602} for non-JSON-RPC content */
    public static Inspection inspect(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new JsonRpcViolation(JsonRpcViolation.PARSE_ERROR, "Parse error: the body is not valid UTF-8");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(text);
        } catch (JacksonException e) {
            throw new JsonRpcViolation(JsonRpcViolation.PARSE_ERROR, "Parse error: the body is not valid JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw new JsonRpcViolation(JsonRpcViolation.PARSE_ERROR, "Parse error: the body is empty");
        }
        if (root.isArray()) {
            if (root.isEmpty()) {
                throw invalid("an empty batch is not a JSON-RPC request");
            }
            List<InspectedMessage> messages = new ArrayList<>();
            root.forEach(element -> messages.add(message(element)));
            return new Inspection(messages, true);
        }
        return new Inspection(List.of(message(root)), false);
    }

    private static InspectedMessage message(JsonNode node) {
        if (!node.isObject()) {
            throw invalid("a JSON-RPC message must be an object");
        }
        requireExactMemberNames(node, MESSAGE_MEMBERS);
        if (node.path("params").isObject()) {
            requireExactMemberNames(node.get("params"), PARAMS_MEMBERS);
        }
        if (!"2.0".equals(node.path("jsonrpc").stringValue(null))) {
            throw invalid("\"jsonrpc\" must be \"2.0\"");
        }
        JsonNode id = node.get("id");
        if (id != null && !(id.isString() || isInteroperableInteger(id) || id.isNull())) {
            throw invalid("\"id\" must be a string or an integer");
        }
        if (node.has("method")) {
            return call(node, id);
        }
        if (node.has("result") == node.has("error") || id == null) {
            throw invalid("a message needs a \"method\", or an \"id\" with exactly one of \"result\" and \"error\"");
        }
        return new InspectedMessage(Kind.RESPONSE, JsonRpcIds.toJava(id), null, null);
    }

    private static InspectedMessage call(JsonNode node, @Nullable JsonNode id) {
        JsonNode method = node.get("method");
        if (!method.isString() || method.stringValue().isEmpty()) {
            throw invalid("\"method\" must be a non-empty string");
        }
        if (Lookalikes.hasControlCharacter(method.stringValue())) {
            throw invalid("\"method\" must not contain control characters");
        }
        McpMethods.imitated(method.stringValue()).ifPresent(exact -> {
            throw invalid("the method must be spelled exactly \"" + exact + "\"");
        });
        if (id != null && id.isNull()) {
            throw invalid("a request id must not be null");
        }
        JsonNode params = node.get("params");
        if (params != null && !(params.isObject() || params.isArray())) {
            throw invalid("\"params\" must be an object");
        }
        String name = switch (method.stringValue()) {
            case InspectedMessage.TOOLS_CALL, InspectedMessage.PROMPTS_GET -> text(params, "name");
            case InspectedMessage.RESOURCES_READ -> text(params, "uri");
            default -> null;
        };
        if (name == null && InspectedMessage.TOOLS_CALL.equals(method.stringValue())) {
            throw new JsonRpcViolation(
                    JsonRpcViolation.INVALID_PARAMS, "Invalid params: tools/call needs a string params.name");
        }
        if (name != null && Lookalikes.hasControlCharacter(name)) {
            throw new JsonRpcViolation(
                    JsonRpcViolation.INVALID_PARAMS,
                    "Invalid params: a name or URI must not contain control characters");
        }
        JsonNode arguments = InspectedMessage.TOOLS_CALL.equals(method.stringValue()) && params != null
                ? params.get("arguments")
                : null;
        return new InspectedMessage(
                id == null ? Kind.NOTIFICATION : Kind.REQUEST,
                JsonRpcIds.toJava(id),
                method.stringValue(),
                name,
                envelope(params),
                arguments,
                params != null && params.has(REQUEST_STATE));
    }

    /**
     * MCP 2026-07-28 basic, "Per-request protocol fields": the revision a message claims in {@code params._meta}. A
     * {@code _meta} that is not an object, or a version that is not a string, is a malformed envelope: never read as
     * "no claim", which would silently serve a modern request under the legacy rules.
     */
    private static InspectedMessage.Envelope envelope(@Nullable JsonNode params) {
        JsonNode meta = params == null || !params.isObject() ? null : params.get("_meta");
        if (meta == null || meta.isNull()) {
            return InspectedMessage.Envelope.NONE;
        }
        if (!meta.isObject()) {
            return InspectedMessage.Envelope.MALFORMED;
        }
        JsonNode version = meta.get(InspectedMessage.PROTOCOL_VERSION_META);
        if (version == null) {
            return InspectedMessage.Envelope.NONE;
        }
        return version.isString()
                ? new InspectedMessage.Envelope(version.stringValue(), false)
                : InspectedMessage.Envelope.MALFORMED;
    }

    /**
     * MCP basic, "Requests": an id is a string or an integer. A number written with a fraction or an exponent
     * ({@code 7.0}, {@code 1e2}) is refused rather than normalized, and so is an integer beyond 2^53 - 1 (RFC 7493
     * §2.2): peers that read numbers as doubles would round it, and an answer's id must match its request exactly.
     */
    private static boolean isInteroperableInteger(JsonNode id) {
        return id.isIntegralNumber() && id.canConvertToLong() && Math.abs(id.longValue()) <= MAX_SAFE_INTEGER;
    }

    /**
     * Refuses keys a loosely matching parser could confuse: two keys of one object with the same
     * {@linkplain Lookalikes#key comparison key}, or a key that imitates a member the gateway reads without being
     * spelled exactly ({@code "METHOD"}, {@code "paramſ"}: Go's decoder fills {@code method} and {@code params} from
     * them while the gateway would see no method at all).
     */
    private static void requireExactMemberNames(JsonNode object, Map<String, String> members) {
        Set<String> seen = object.size() > 1 ? new HashSet<>() : Set.of();
        for (String key : object.propertyNames()) {
            if (Lookalikes.hasControlCharacter(key)) {
                throw invalid("keys must not contain control characters");
            }
            String comparison = Lookalikes.key(key);
            if (object.size() > 1 && !seen.add(comparison)) {
                throw invalid("keys that differ only in case or spelling are ambiguous (\"" + key + "\")");
            }
            String member = members.get(comparison);
            if (member != null && !member.equals(key)) {
                throw invalid("\"" + member + "\" must be spelled exactly so");
            }
        }
    }

    /** Members by their {@linkplain Lookalikes#key comparison key}, computed once. */
    private static Map<String, String> byComparisonKey(Set<String> members) {
        Map<String, String> byKey = new HashMap<>();
        members.forEach(member -> byKey.put(Lookalikes.key(member), member));
        return Map.copyOf(byKey);
    }

    private static @Nullable String text(@Nullable JsonNode params, String field) {
        JsonNode value = params == null ? null : params.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    private static JsonRpcViolation invalid(String reason) {
        return new JsonRpcViolation(JsonRpcViolation.INVALID_REQUEST, "Invalid Request: " + reason);
    }
}
