package dev.mcpgateway.mcp;

/**
 * A POST body that is not acceptable JSON-RPC 2.0 (§5.1 error codes). The message is a fixed text:
 * it never echoes the body.
 */
public final class JsonRpcViolation extends RuntimeException {

    /** JSON-RPC 2.0 §5.1. */
    public static final int PARSE_ERROR = -32700;

    public static final int INVALID_REQUEST = -32600;
    public static final int INVALID_PARAMS = -32602;

    private final int code;
    private final String message;

    JsonRpcViolation(int code, String message) {
        super(message, null, false, false);
        this.code = code;
        this.message = message;
    }

    /** The fixed text it was made with; never {@code null}. */
    @Override
    public String getMessage() {
        return message;
    }

    public int code() {
        return code;
    }
}
