package dev.mcpgateway.web;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the gateway's own parsing and writing (JSON-RPC messages both ways, error bodies,
 * introspection answers, session bindings). Strict where peers disagree: duplicate keys are an error (parsers
 * differ on which one wins), so is trailing content after the value; fractions stay exact decimals, so numbers
 * are written back as they came. What it writes is compact, with every non-ASCII character escaped, so no output of
 * the gateway can carry a raw Unicode line separator a line-based reader might split on. Thread-safe.
 */
public final class McpJson {

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private McpJson() {}
}
