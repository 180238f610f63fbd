package dev.mcpgateway.authz;

import dev.mcpgateway.mcp.SseEvent;
import dev.mcpgateway.mcp.UninspectableResponseException;
import dev.mcpgateway.web.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes from tool lists (MCP 2025-11-25 server/tools, "Listing Tools"), and from prompt, resource and resource
 * template lists where the route has such maps, the entries a caller may not use, and marks every such list result
 * that carries caching hints {@code "cacheScope": "private"} (MCP 2026-07-28 server/utilities/caching: a filtered
 * list varies per caller). The filtering is what keeps a caller from seeing entries, never the cache scope. Failing
 * closed: every JSON-RPC message the upstream sends on a route with a tool map is read, and any {@code tools} list
 * it carries in a {@code result} is filtered, whatever the message's id (a client may coerce {@code "1"} to
 * {@code 1}, and a list can arrive on any stream of a session), whatever the case of {@code result} or
 * {@code tools} (some clients match names case-insensitively), and however its keys are spelled (JSON escapes are
 * decoded by the parser). A message the gateway cannot read the way a client would (not JSON, duplicate keys,
 * nesting or numbers beyond the parser's limits) cannot be vouched for and is refused with
 * {@link UninspectableResponseException}; a tool entry without exactly one {@code name} string is dropped.
 * JSON bodies that carry no list keep their exact bytes; events are always written anew ({@link #shapeEvent}).
 * A pure function of its inputs.
 */
final class ToolListShaper {

    private static final JsonMapper STRICT = Json.STRICT;
    private static final JsonMapper LENIENT = Json.LENIENT;

    private static final byte[] NOTHING = new byte[0];

    private static final String RESULT_TYPE = "resultType";
    private static final String TTL_MS = "ttlMs";
    private static final String CACHE_SCOPE = "cacheScope";
    private static final String PRIVATE = "private";

    /**
     * One filtered list: the {@code result} member holding it, the member of each entry that identifies it, and
     * whether the caller may see an entry of that identifier.
     */
    record Listed(String member, String key, String what, Predicate<String> visible) {

        static Listed tools(Predicate<String> mayCall) {
            return new Listed("tools", "name", "tools", mayCall);
        }

        static Listed prompts(Predicate<String> mayGet) {
            return new Listed("prompts", "name", "prompts", mayGet);
        }

        static Listed resources(Predicate<String> mayRead) {
            return new Listed("resources", "uri", "resources", mayRead);
        }

        static Listed resourceTemplates(Predicate<String> mayRead) {
            return new Listed("resourceTemplates", "uriTemplate", "resource templates", mayRead);
        }
    }

    private final List<Listed> lists;

    /** @param lists the lists filtered, each with who may see what */
    ToolListShaper(List<Listed> lists) {
        this.lists = List.copyOf(lists);
    }

    /** @param visible whether the caller may call a tool: a shaper of tool lists only */
    ToolListShaper(Predicate<String> visible) {
        this(List.of(Listed.tools(visible)));
    }

    /** A JSON body (one message, or a batch), decoded as UTF-8 with replacement characters like a client decodes it. */
    byte[] shapeJson(byte[] body) throws UninspectableResponseException {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return body;
        }
        JsonNode root = parse(text);
        JsonNode shaped = shapeMessages(root);
        return shaped == root ? body : write(shaped).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One server-sent event, written anew in a canonical form whatever its original bytes: clients split event
     * streams differently (Go's reader splits on LF only and trims the event type; old httpx-sse splits on every
     * Unicode line separator; legacy clients deliver the data of every event, whatever its type), so passing the
     * upstream's bytes on would let one of them read fields the gateway never saw. The canonical form has only the
     * {@code event}, {@code id}, {@code retry} and {@code data} fields, LF line ends, no byte order mark, and comments
     * reduced to a bare {@code :} (they still keep idle connections alive). The data of every event, whatever its
     * type, is filtered when it is JSON; a message event that is not JSON, and any field value with a control
     * character or a Unicode line separator, is refused. An unterminated last event, which no client dispatches, is
     * dropped.
     */
    byte[] shapeEvent(SseEvent event) throws UninspectableResponseException {
        if (!event.complete()) {
            return NOTHING;
        }
        StringBuilder out = new StringBuilder();
        if (event.comment()) {
            out.append(":\n");
        }
        if (!event.type().equals(SseEvent.MESSAGE)) {
            out.append("event: ").append(fieldValue(event.type())).append('\n');
        }
        if (event.id() != null) {
            out.append("id: ").append(fieldValue(event.id())).append('\n');
        }
        if (event.retry() != null) {
            out.append("retry: ").append(event.retry()).append('\n');
        }
        String data = event.data();
        if (data != null) {
            data(data, event.isMessage(), out);
        }
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void data(String data, boolean isMessage, StringBuilder out) throws UninspectableResponseException {
        if (data.isBlank()) {
            out.append("data:\n");
            return;
        }
        Optional<JsonNode> message = readIfJson(data, isMessage);
        if (message.isEmpty()) {
            for (String line : data.split("\n", -1)) {
                out.append("data: ").append(fieldValue(line)).append('\n');
            }
            return;
        }
        out.append("data: ").append(write(shapeMessages(message.get()))).append('\n');
    }

    /**
     * The data as JSON; empty when no client could read it as JSON. Data that only a forgiving parser reads
     * (duplicate keys, trailing content) is refused, and so is a message event's data that is not JSON at all.
     */
    private static Optional<JsonNode> readIfJson(String data, boolean message) throws UninspectableResponseException {
        try {
            return Optional.of(STRICT.readTree(data));
        } catch (JacksonException strictFailure) {
            boolean forgivingReadsIt;
            try {
                LENIENT.readTree(data);
                forgivingReadsIt = true;
            } catch (JacksonException notJson) {
                forgivingReadsIt = false;
            }
            if (message || forgivingReadsIt) {
                throw new UninspectableResponseException("The upstream sent an event the gateway cannot read as JSON");
            }
            return Optional.empty();
        }
    }

    /** A field value that no line splitter of any client can cut: no control character, no Unicode line separator. */
    private static String fieldValue(String value) throws UninspectableResponseException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c >= 0x7F && c <= 0x9F || c == '\u2028' || c == '\u2029') {
                throw new UninspectableResponseException("The upstream sent an event field with a line separator");
            }
        }
        return value;
    }

    private JsonNode shapeMessages(JsonNode root) throws UninspectableResponseException {
        if (!root.isArray()) {
            return shapeMessage(root);
        }
        ArrayNode copy = null;
        for (int i = 0; i < root.size(); i++) {
            JsonNode shaped = shapeMessage(root.get(i));
            if (shaped != root.get(i)) {
                copy = copy == null ? ((ArrayNode) root).deepCopy() : copy;
                copy.set(i, shaped);
            }
        }
        return copy == null ? root : copy;
    }

    /** The message with invisible entries removed from every filtered list of its {@code result}, or the same instance when it has none. */
    private JsonNode shapeMessage(JsonNode message) throws UninspectableResponseException {
        if (!message.isObject()) {
            return message;
        }
        ObjectNode copy = null;
        for (Map.Entry<String, JsonNode> member : message.properties()) {
            if (!member.getKey().equalsIgnoreCase("result")
                    || !member.getValue().isObject()) {
                continue;
            }
            JsonNode shaped = shapeResult(member.getValue());
            if (shaped != member.getValue()) {
                copy = copy == null ? ((ObjectNode) message).deepCopy() : copy;
                copy.set(member.getKey(), shaped);
            }
        }
        return copy == null ? message : copy;
    }

    private JsonNode shapeResult(JsonNode result) throws UninspectableResponseException {
        ObjectNode copy = null;
        for (Map.Entry<String, JsonNode> member : result.properties()) {
            Listed listed = listed(member.getKey());
            if (listed == null) {
                continue;
            }
            if (!member.getValue().isArray()) {
                throw new UninspectableResponseException(
                        "The upstream sent a " + listed.what() + " list that is not an array");
            }
            copy = copy == null ? ((ObjectNode) result).deepCopy() : copy;
            copy.set(member.getKey(), visibleEntries(member.getValue(), listed));
        }
        if (copy != null && isCacheable(result)) {
            makePrivate(copy);
        }
        return copy == null ? result : copy;
    }

    /** Which filtered list a result member is, whatever its case; {@code null} for any other member. */
    private @Nullable Listed listed(String key) {
        for (Listed listed : lists) {
            if (key.equalsIgnoreCase(listed.member())) {
                return listed;
            }
        }
        return null;
    }

    /**
     * Whether the result carries MCP 2026-07-28 caching hints ({@code resultType}, {@code ttlMs}, {@code cacheScope}
     * in any case): such a result of a filtered list varies by caller, so it is private to the caller's authorization
     * context on every page (server/utilities/caching: "the same cacheScope to all response pages"), whatever the
     * upstream said. A legacy result, which has none of them, keeps its members.
     */
    private static boolean isCacheable(JsonNode result) {
        for (String key : result.propertyNames()) {
            if (key.equalsIgnoreCase(RESULT_TYPE)
                    || key.equalsIgnoreCase(TTL_MS)
                    || key.equalsIgnoreCase(CACHE_SCOPE)) {
                return true;
            }
        }
        return false;
    }

    /** Replaces every spelling of {@code cacheScope} with one {@code "cacheScope": "private"}; {@code ttlMs} stays. */
    private static void makePrivate(ObjectNode result) {
        List<String> spellings = new ArrayList<>();
        for (String key : result.propertyNames()) {
            if (key.equalsIgnoreCase(CACHE_SCOPE)) {
                spellings.add(key);
            }
        }
        result.remove(spellings);
        result.put(CACHE_SCOPE, PRIVATE);
    }

    private static ArrayNode visibleEntries(JsonNode entries, Listed listed) {
        ArrayNode kept = STRICT.createArrayNode();
        for (JsonNode entry : entries) {
            String id = identifier(entry, listed.key());
            if (id != null && listed.visible().test(id)) {
                kept.add(entry);
            }
        }
        return kept;
    }

    /** The entry's identifier when it has exactly one member named {@code field} in any case, spelled so, a string. */
    private static @Nullable String identifier(JsonNode entry, String field) {
        if (!entry.isObject()) {
            return null;
        }
        String id = null;
        int candidates = 0;
        for (Iterator<String> keys = entry.propertyNames().iterator(); keys.hasNext(); ) {
            String key = keys.next();
            if (key.equalsIgnoreCase(field)) {
                candidates++;
                JsonNode value = entry.get(key);
                id = key.equals(field) && value.isString() ? value.stringValue() : null;
            }
        }
        return candidates == 1 ? id : null;
    }

    /** Compact JSON, so a rewritten event stays one {@code data} line. */
    private static String write(JsonNode shaped) throws UninspectableResponseException {
        try {
            return STRICT.writeValueAsString(shaped);
        } catch (JacksonException e) {
            throw new UninspectableResponseException("The upstream sent a tools list the gateway cannot write back");
        }
    }

    private static JsonNode parse(String json) throws UninspectableResponseException {
        try {
            return STRICT.readTree(json);
        } catch (JacksonException e) {
            throw new UninspectableResponseException("The upstream sent a message the gateway cannot read as JSON");
        }
    }
}
