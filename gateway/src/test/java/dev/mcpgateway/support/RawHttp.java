package dev.mcpgateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * An HTTP/1.1 client that sends exactly the bytes a test writes, for attacks that a normal client would
 * normalize away: duplicate or oddly spelled header fields, framing that contradicts itself, protocol upgrades,
 * methods such as {@code CONNECT}, requests sent one byte at a time. It reads what the server answers until the
 * server closes the connection or the read timeout passes, and never retries.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawHttp(int port, Duration readTimeout) {
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            out = socket.getOutputStream();
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RawHttp connect(int port, Duration readTimeout) {
        return new RawHttp(port, readTimeout);
    }

    /** Sends {@code request} (CRLF line ends are the caller's business) and reads the answer. */
    public static Answer exchange(int port, String request) {
        try (RawHttp http = connect(port, Duration.ofSeconds(15))) {
            http.send(request);
            return http.readAnswer();
        }
    }

    public RawHttp send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads one answer: its head, then a {@code Content-Length} body, a chunked body, or everything until the
     * connection closes. An answer the server never sends reads as {@link Answer#NONE}.
     */
    public Answer readAnswer() {
        try {
            String head = readHead();
            if (head.isEmpty()) {
                return Answer.NONE;
            }
            Answer headOnly = new Answer(head, "", false);
            String length = headOnly.header("Content-Length");
            byte[] body;
            if (length != null) {
                body = in.readNBytes(Integer.parseInt(length.trim()));
            } else if ("chunked"
                    .equalsIgnoreCase(
                            String.valueOf(headOnly.header("Transfer-Encoding")).trim())) {
                body = readChunked();
            } else if (headOnly.status() == 101 || headOnly.status() == 204 || headOnly.status() == 304) {
                body = new byte[0];
            } else {
                body = readUntilClose();
            }
            return new Answer(head, new String(body, StandardCharsets.UTF_8), false);
        } catch (SocketTimeoutException e) {
            return Answer.NONE;
        } catch (IOException e) {
            return Answer.NONE;
        }
    }

    /**
     * Everything the server sends until it closes the connection or the read timeout passes, as received (head and
     * body framing included), and which of the two ended the read.
     */
    public Received readUntilClosed() {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        boolean closed;
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                received.write(buffer, 0, read);
            }
            closed = true;
        } catch (SocketTimeoutException e) {
            closed = false;
        } catch (IOException e) {
            closed = true;
        }
        return new Received(received.toString(StandardCharsets.ISO_8859_1), closed);
    }

    /**
     * What {@link #readUntilClosed()} read.
     *
     * @param text the bytes as ISO-8859-1 text, head and framing included
     * @param closed whether the server closed the connection (rather than the read timing out)
     */
    public record Received(String text, boolean closed) {

        /** The head (status line and fields, without the blank line), or all of it when no blank line came. */
        public String head() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? text : text.substring(0, end);
        }

        /** What came after the head's blank line, framing (chunk sizes) included. */
        public String afterHead() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }
    }

    /** Whether the server closed the connection within the read timeout (reads and discards anything it sent). */
    public boolean closedByServer() {
        try {
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // discard until the end of the stream
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Whether the server closes the connection within {@code wait}; data it sends meanwhile is discarded. */
    public boolean closedWithin(Duration wait) {
        try {
            int previous = socket.getSoTimeout();
            socket.setSoTimeout(Math.toIntExact(Math.max(1, wait.toMillis())));
            try {
                byte[] buffer = new byte[4096];
                while (in.read(buffer) >= 0) {
                    // discard
                }
                return true;
            } finally {
                if (!socket.isClosed()) {
                    socket.setSoTimeout(previous);
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : 0;
            if (matched == 4) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            if (sizeLine == null) {
                return body.toByteArray();
            }
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                readLine();
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private byte[] readUntilClose() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                body.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException e) {
            // the body so far
        }
        return body.toByteArray();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    /**
     * What the server sent back.
     *
     * @param head the status line and header fields, as received
     * @param body the body, decoded as UTF-8
     * @param none whether nothing at all came back
     */
    public record Answer(String head, String body, boolean none) {

        public static final Answer NONE = new Answer("", "", true);

        /** The status code, or 0 when nothing came back. */
        public int status() {
            if (none || head.length() < 12) {
                return 0;
            }
            return Integer.parseInt(head.substring(9, 12));
        }

        /** The first header field of that name (case-insensitive), or {@code null}. */
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0
                        && line.substring(0, colon)
                                .trim()
                                .toLowerCase(Locale.ROOT)
                                .equals(name.toLowerCase(Locale.ROOT))) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }
}
