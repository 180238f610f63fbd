package dev.mcpgateway.web;

import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mappers of the gateway's own parsing and writing (JSON-RPC messages both ways, error bodies,
 * introspection answers, authorization server metadata, session bindings); JWTs alone are read by Nimbus, through
 * Spring Security. {@link #STRICT} is strict where peers disagree: duplicate keys are an error (parsers
 * differ on which one wins), so is trailing content after the value; fractions stay exact decimals, so numbers
 * are written back as they came. What it writes is compact, with every non-ASCII character escaped, so no output of
 * the gateway can carry a raw Unicode line separator a line-based reader might split on. Thread-safe.
 */
public final class Json {

    public static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    /**
     * Reads what a forgiving client would still read as JSON (duplicate keys, trailing content): only to tell whether
     * a body that {@link #STRICT} refuses could still mean something to a client, never to act on what it says.
     */
    public static final JsonMapper LENIENT = JsonMapper.builder().build();

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private Json() {}

    /**
     * A JSON object read by {@link #STRICT}, with numbers as {@code Integer}, {@code Long}, {@code BigInteger} or
     * {@code BigDecimal}; empty when the text is not exactly one JSON object.
     */
    public static Optional<Map<String, Object>> object(String text) {
        try {
            return Optional.ofNullable(STRICT.readValue(text, OBJECT));
        } catch (JacksonException notAnObject) {
            return Optional.empty();
        }
    }
}
