package dev.mcpgateway.web;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/** Copies a buffer's readable bytes and releases it, so pooled memory is never leaked on the MCP paths. */
public final class DataBufferBytes {

    private DataBufferBytes() {}

    public static byte[] drain(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
