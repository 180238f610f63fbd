package dev.mcpgateway.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgateway.mcp.SseEvent;
import dev.mcpgateway.mcp.SseEventStream;
import dev.mcpgateway.mcp.UninspectableResponseException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tool lists lose the tools the caller may not call, whatever id they answer; every other message keeps its bytes. */
class ToolListShaperTest {

    private static final String LIST =
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[{\"name\":\"echo\",\"inputSchema\":"
                    + "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"number\","
                    + "\"minimum\":0.1}}}},{\"name\":\"whoami\"}],\"nextCursor\":\"c\"}}";
    private final ToolListShaper shaper = new ToolListShaper(Set.of("echo")::contains);

    @Test
    void jsonToolListKeepsOnlyVisibleToolsAndEverythingElse() throws Exception {
        String out = utf8(shaper.shapeJson(bytes(LIST)));
        assertThat(out)
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[{\"name\":\"echo\",\"inputSchema\":"
                                + "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"number\",\"minimum\":0.1}}}}],\"nextCursor\":\"c\"}}");
    }

    @Test
    void listIsFilteredWhateverIdItAnswers() throws Exception {
        for (String id : List.of("3", "\"2\"", "2.0", "null")) {
            assertThat(utf8(shaper.shapeJson(bytes(LIST.replace("\"id\":2", "\"id\":" + id)))))
                    .as(id)
                    .doesNotContain("whoami");
        }
    }

    @Test
    void batchResponseIsFilteredElementByElement() throws Exception {
        String batch = "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}," + LIST + "]";
        String out = utf8(shaper.shapeJson(bytes(batch)));
        assertThat(out)
                .startsWith("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}},")
                .doesNotContain("whoami")
                .contains("\"echo\"");
    }

    @Test
    void messagesWithoutAListKeepTheirExactBytes() throws Exception {
        byte[] error = bytes("{ \"jsonrpc\":\"2.0\", \"id\":2,\"error\":{\"code\":-1,\"message\":\"tools\"}}");
        assertThat(shaper.shapeJson(error)).isSameAs(error);
        byte[] blank = bytes("  ");
        assertThat(shaper.shapeJson(blank)).isSameAs(blank);
    }

    @Test
    void unreadableJsonIsRefusedNotPassedOn() {
        for (String body : List.of("not json", LIST + "{}", "{\"a\":1,\"a\":2}", "{\"id\":1,/*c*/\"result\":{}}")) {
            assertThatThrownBy(() -> shaper.shapeJson(bytes(body)))
                    .as(body)
                    .isInstanceOf(UninspectableResponseException.class);
        }
    }

    @Test
    void toolsThatIsNotAListIsRefused() {
        assertThatThrownBy(() -> shaper.shapeJson(bytes("{\"id\":1,\"result\":{\"tools\":{\"name\":\"whoami\"}}}")))
                .isInstanceOf(UninspectableResponseException.class);
    }

    @Test
    void caseVariantsOfResultToolsAndNameAreFilteredOrDropped() throws Exception {
        assertThat(utf8(shaper.shapeJson(
                        bytes("{\"id\":1,\"Result\":{\"TOOLS\":[{\"name\":\"echo\"},{\"name\":\"whoami\"}]}}"))))
                .doesNotContain("whoami")
                .contains("echo");
        assertThat(utf8(shaper.shapeJson(
                        bytes("{\"id\":1,\"result\":{\"tools\":[{\"name\":\"echo\",\"Name\":\"whoami\"},"
                                + "{\"NAME\":\"echo\"}]}}"))))
                .isEqualTo("{\"id\":1,\"result\":{\"tools\":[]}}");
    }

    @Test
    void sseEventIsRewrittenKeepingItsId() throws Exception {
        String out = utf8(shaper.shapeEvent(event("id: 7\nevent: message\ndata: " + LIST + "\n\n")));
        assertThat(out)
                .startsWith("id: 7\ndata: {")
                .endsWith("}\n\n")
                .doesNotContain("whoami")
                .contains("\"echo\"");
    }

    @Test
    void untypedAndEmptyTypedEventsAreMessagesToo() throws Exception {
        for (String raw :
                List.of("data: " + LIST + "\n\n", "event:\ndata: " + LIST + "\n\n", "\uFEFFdata: " + LIST + "\n\n")) {
            assertThat(utf8(shaper.shapeEvent(event(raw)))).as(raw).doesNotContain("whoami");
        }
    }

    @Test
    void everyEventIsWrittenAnewInTheCanonicalForm() throws Exception {
        assertThat(utf8(shaper.shapeEvent(event(
                        "data: {\"jsonrpc\":\"2.0\", \"method\":\"notifications/progress\",\"params\":{}}\r\n\r\n"))))
                .isEqualTo("data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}\n\n");
        assertThat(utf8(shaper.shapeEvent(event("id: 1\ndata:\n\n")))).isEqualTo("id: 1\ndata:\n\n");
        assertThat(utf8(shaper.shapeEvent(event(": keep-alive\r\n\r\n")))).isEqualTo(":\n\n");
        assertThat(utf8(shaper.shapeEvent(
                        event("event: endpoint\ndata: /messages?sessionId=1\nfoo: bar\nretry: 20\n\n"))))
                .isEqualTo("event: endpoint\nretry: 20\ndata: /messages?sessionId=1\n\n");
        assertThat(utf8(shaper.shapeEvent(event("data: {\"text\":\"caf\u00e9\\u2028\"}\n\n"))))
                .isEqualTo("data: {\"text\":\"caf\\u00E9\\u2028\"}\n\n");
    }

    @Test
    void listsInEventsOfAnyTypeAreFiltered() throws Exception {
        for (String type : List.of("endpoint", "message ", "\tmessage", "other")) {
            assertThat(utf8(shaper.shapeEvent(event("event: " + type + "\ndata: " + LIST + "\n\n"))))
                    .as(type)
                    .doesNotContain("whoami");
        }
    }

    @Test
    void eventsNoClientCouldReadTheSameWayAreRefused() {
        for (String raw : List.of(
                "data: not json\n\n",
                "event: other\ndata: {\"a\":1,\"a\":2}\n\n",
                "id: 1\u2028x\ndata: {}\n\n",
                "event: x\u0085\ndata: {}\n\n",
                "event: other\ndata: a\u000Bb\n\n")) {
            assertThatThrownBy(() -> shaper.shapeEvent(event(raw)))
                    .as(raw)
                    .isInstanceOf(UninspectableResponseException.class);
        }
    }

    @Test
    void unterminatedLastEventIsDropped() throws Exception {
        SseEventStream stream = new SseEventStream(1 << 20);
        assertThat(stream.feed(bytes("data: " + LIST))).isEmpty();
        assertThat(shaper.shapeEvent(stream.finish().get(0))).isEmpty();
    }

    private static SseEvent event(String raw) {
        SseEventStream stream = new SseEventStream(1 << 20);
        List<SseEvent> events = new java.util.ArrayList<>(stream.feed(bytes(raw)));
        events.addAll(stream.finish());
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void aFilteredModernListIsPrivateOnEveryPageWhateverTheUpstreamSaidAndKeepsItsTtl() throws Exception {
        String first =
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[{\"name\":\"echo\"},{\"name\":\"whoami\"}],"
                        + "\"nextCursor\":\"p2\",\"resultType\":\"complete\",\"ttlMs\":60000,\"cacheScope\":\"public\"}}";
        String second = "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[{\"name\":\"echo\"}],"
                + "\"resultType\":\"complete\",\"ttlMs\":0,\"CacheScope\":\"public\"}}";
        String withoutScope = "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"tools\":[],\"ttlMs\":5}}";

        assertThat(utf8(shaper.shapeJson(bytes(first))))
                .isEqualTo(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[{\"name\":\"echo\"}],"
                                + "\"nextCursor\":\"p2\",\"resultType\":\"complete\",\"ttlMs\":60000,\"cacheScope\":\"private\"}}");
        assertThat(utf8(shaper.shapeJson(bytes(second))))
                .as("a page that lost nothing, with the scope spelled in another case")
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[{\"name\":\"echo\"}],"
                        + "\"resultType\":\"complete\",\"ttlMs\":0,\"cacheScope\":\"private\"}}");
        assertThat(utf8(shaper.shapeJson(bytes(withoutScope)))).contains("\"ttlMs\":5,\"cacheScope\":\"private\"");
    }

    @Test
    void aLegacyListGetsNoCachingHintsAdded() throws Exception {
        assertThat(utf8(shaper.shapeJson(bytes(LIST)))).doesNotContain("cacheScope");
    }

    @Test
    void promptResourceAndTemplateListsAreFilteredByTheirOwnIdentifiers() throws Exception {
        ToolListShaper lists = new ToolListShaper(List.of(
                ToolListShaper.Listed.prompts(Set.of("summary")::contains),
                ToolListShaper.Listed.resources(Set.of("repo://public/readme")::contains),
                ToolListShaper.Listed.resourceTemplates(Set.of("repo://public/{name}")::contains)));
        String answer =
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"prompts\":[{\"name\":\"summary\"},{\"name\":\"triage\"}],"
                        + "\"resources\":[{\"uri\":\"repo://public/readme\"},{\"uri\":\"repo://private/keys\"},{\"name\":\"no uri\"}],"
                        + "\"resourceTemplates\":[{\"uriTemplate\":\"repo://public/{name}\"},{\"uriTemplate\":\"repo://{any}\"}],"
                        + "\"tools\":[{\"name\":\"untouched\"}],\"cacheScope\":\"public\"}}";

        assertThat(utf8(lists.shapeJson(bytes(answer))))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"prompts\":[{\"name\":\"summary\"}],"
                        + "\"resources\":[{\"uri\":\"repo://public/readme\"}],"
                        + "\"resourceTemplates\":[{\"uriTemplate\":\"repo://public/{name}\"}],"
                        + "\"tools\":[{\"name\":\"untouched\"}],\"cacheScope\":\"private\"}}");
    }
}
