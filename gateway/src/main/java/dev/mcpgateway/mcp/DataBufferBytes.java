package dev.mcpgateway.mcp;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/** Copies a buffer's readable bytes and releases it, so pooled memory is never leaked on the MCP paths. */
final class DataBufferBytes {

    private DataBufferBytes() {}

    static byte[] drain(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
