package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.web.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code x-mcp-header} declarations the gateway recognizes (MCP 2026-07-28 Streamable HTTP, "Schema Extension"):
 * only valid ones, reached through {@code properties} keys alone; a tool with an invalid one keeps none.
 */
class ParamHeaderCatalogTest {

    private final ParamHeaderCatalog catalog = new ParamHeaderCatalog();

    @Test
    void declarationsOnPropertiesChainsAreLearnedWithTheirPathAndType() {
        learn(
                "{\"name\":\"t\",\"inputSchema\":{\"type\":\"object\",\"properties\":{"
                        + "\"region\":{\"type\":\"string\",\"x-mcp-header\":\"Region\"},"
                        + "\"where\":{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"x-mcp-header\":\"N\"}}}}}}");
        assertThat(catalog.of("t"))
                .containsExactly(
                        new ParamHeaderCatalog.Declared("Region", List.of("region"), "string"),
                        new ParamHeaderCatalog.Declared("N", List.of("where", "n"), "integer"));
        assertThat(catalog.of("never-listed")).isEmpty();
    }

    @Test
    void annotationsUnderItemsOrCompositionAreNotRecognized() {
        learn("{\"name\":\"t\",\"inputSchema\":{\"type\":\"object\",\"properties\":{"
                + "\"list\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"x-mcp-header\":\"Item\"}},"
                + "\"choice\":{\"oneOf\":[{\"type\":\"string\",\"x-mcp-header\":\"Choice\"}]}}}}");
        assertThat(catalog.of("t")).isEmpty();
    }

    @Test
    void aToolWithAnInvalidDeclarationKeepsNone() {
        learn(
                "{\"name\":\"bad-name\",\"inputSchema\":{\"properties\":{"
                        + "\"a\":{\"type\":\"string\",\"x-mcp-header\":\"Ok\"},\"b\":{\"type\":\"string\",\"x-mcp-header\":\"Bad Name\"}}}}");
        learn(
                "{\"name\":\"duplicate\",\"inputSchema\":{\"properties\":{"
                        + "\"a\":{\"type\":\"string\",\"x-mcp-header\":\"Same\"},\"b\":{\"type\":\"string\",\"x-mcp-header\":\"same\"}}}}");
        learn("{\"name\":\"object\",\"inputSchema\":{\"properties\":{"
                + "\"a\":{\"type\":\"object\",\"x-mcp-header\":\"Obj\"}}}}");
        assertThat(catalog.of("bad-name")).isEmpty();
        assertThat(catalog.of("duplicate")).isEmpty();
        assertThat(catalog.of("object")).isEmpty();
    }

    @Test
    void aLaterListingReplacesATool() {
        learn("{\"name\":\"t\",\"inputSchema\":{\"properties\":{\"a\":{\"type\":\"string\",\"x-mcp-header\":\"A\"}}}}");
        learn("{\"name\":\"t\",\"inputSchema\":{\"properties\":{\"a\":{\"type\":\"string\"}}}}");
        assertThat(catalog.of("t")).isEmpty();
    }

    private void learn(String tool) {
        catalog.learn(Json.STRICT.readTree("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[" + tool + "]}}"));
    }
}
