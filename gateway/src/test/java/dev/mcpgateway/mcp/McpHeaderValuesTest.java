package dev.mcpgateway.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * MCP 2026-07-28 Streamable HTTP, "Value Encoding": the table's examples, the conformance suite's literal forms, and
 * the malformed sentinels that must be refused rather than read as literals.
 */
class McpHeaderValuesTest {

    @Test
    void sentinelValuesAreDecodedAsCanonicalBase64OfUtf8() {
        assertThat(McpHeaderValues.decode("=?base64?SGVsbG8sIOS4lueVjA==?=")).hasValue("Hello, 世界");
        assertThat(McpHeaderValues.decode("=?base64?IHBhZGRlZCA=?=")).hasValue(" padded ");
        assertThat(McpHeaderValues.decode("=?base64?bGluZTEKbGluZTI=?=")).hasValue("line1\nline2");
        assertThat(McpHeaderValues.decode("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?="))
                .hasValue("=?base64?literal?=");
        assertThat(McpHeaderValues.decode("=?base64??="))
                .as("the SDK's empty string")
                .hasValue("");
    }

    @Test
    void malformedSentinelsAreRefusedNotReadAsLiterals() {
        assertThat(McpHeaderValues.decode("=?base64?SGVsbG8?="))
                .as("missing padding")
                .isEmpty();
        assertThat(McpHeaderValues.decode("=?base64?SGVs!!!bG8=?="))
                .as("bad characters")
                .isEmpty();
        assertThat(McpHeaderValues.decode("=?base64?/w==?=")).as("not UTF-8").isEmpty();
        assertThat(McpHeaderValues.decode("=?base64?SGVs=bG8=?="))
                .as("padding inside")
                .isEmpty();
    }

    @Test
    void otherFormsAreLiteralsWithOptionalWhitespaceTrimmed() {
        assertThat(McpHeaderValues.decode("SGVsbG8=")).hasValue("SGVsbG8=");
        assertThat(McpHeaderValues.decode("=?base64?SGVsbG8=")).hasValue("=?base64?SGVsbG8=");
        assertThat(McpHeaderValues.decode("=?BASE64?SGVsbG8=?="))
                .as("markers are lowercase")
                .hasValue("=?BASE64?SGVsbG8=?=");
        assertThat(McpHeaderValues.decode("  tool \t")).hasValue("tool");
        assertThat(McpHeaderValues.decode("")).hasValue("");
    }

    @Test
    void literalsWithBytesBeyondVisibleAsciiAreRefused() {
        assertThat(McpHeaderValues.decode("caf\u00e9")).isEmpty();
        assertThat(McpHeaderValues.decode("a\u0001b")).isEmpty();
    }
}
