package dev.mcpgateway.mcp;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * JSON-RPC 2.0 §4 ids as plain Java values, so that an id read from a request and one read from a
 * response compare equal however the number was written ({@code 1}, {@code 1.0} stays distinct).
 */
public final class JsonRpcIds {

    private JsonRpcIds() {}

    /** A {@link String}, {@link Long}, {@link java.math.BigInteger} or {@link java.math.BigDecimal}; {@code null} for none. */
    public static @Nullable Object toJava(@Nullable JsonNode id) {
        if (id == null || id.isNull() || id.isMissingNode()) {
            return null;
        }
        if (id.isString()) {
            return id.stringValue();
        }
        if (id.isIntegralNumber()) {
            return id.canConvertToLong() ? (Object) id.longValue() : id.bigIntegerValue();
        }
        if (id.isNumber()) {
            return id.decimalValue();
        }
        return null;
    }
}
