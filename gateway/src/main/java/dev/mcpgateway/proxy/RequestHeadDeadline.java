package dev.mcpgateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Closes a connection whose request head takes too long to arrive: once the first byte of a request is read, the
 * client has {@code timeout} to complete its request line and header fields. A client that sends a byte now and
 * then still has to finish within it, so a few hundred slow sockets cannot hold the gateway (slowloris); Netty's
 * idle handlers cannot do this, they reset on every byte. An idle keep-alive connection, with no byte of a next
 * request yet, is left to the server's idle timeout ({@code server.netty.idle-timeout}), so that the two limits
 * can differ as nginx's {@code client_header_timeout} and {@code keepalive_timeout} do.
 *
 * <p>Two handlers share one clock: {@link #bytes()} sits before the HTTP codec and notices a request's first byte,
 * {@link #messages()} after it and notices the decoded head and the end of the body (bytes read between a head and
 * its body's end belong to that request). One instance per connection; everything runs on its event loop.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9112#section-9.5">RFC 9112 §9.5 (failures and timeouts)</a>
 */
final class RequestHeadDeadline {

    static final String BYTES = "mcpgateway.requestHeadStart";
    static final String MESSAGES = "mcpgateway.requestHeadEnd";

    private final long timeoutNanos;
    private @Nullable ScheduledFuture<?> deadline;
    /** Between a decoded head and the end of its body. */
    private boolean inRequest;

    RequestHeadDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    ChannelHandler bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ByteBuf buffer && buffer.isReadable() && !inRequest && deadline == null) {
                    deadline = ctx.executor()
                            .schedule(
                                    () -> {
                                        ctx.channel().close();
                                    },
                                    timeoutNanos,
                                    TimeUnit.NANOSECONDS);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                cancel();
                ctx.fireChannelInactive();
            }
        };
    }

    ChannelHandler messages() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    cancel();
                    inRequest = true;
                }
                if (msg instanceof LastHttpContent) {
                    inRequest = false;
                }
                ctx.fireChannelRead(msg);
            }
        };
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
