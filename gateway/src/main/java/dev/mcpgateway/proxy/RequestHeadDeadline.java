package dev.mcpgateway.proxy;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose next request head does not arrive in time: from the moment the connection opens, or
 * the previous response has been written, the client has {@code timeout} to send a complete request line and
 * header fields. A client that sends a byte now and then still has to finish within it, so a few hundred slow
 * sockets cannot hold the gateway (slowloris); an idle keep-alive connection ends the same way. Sits right after
 * the HTTP codec, so it sees requests once their head is decoded. Netty's idle handlers cannot do this: they reset
 * on every byte. One instance per connection; all methods run on the connection's event loop.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9112#section-9.5">RFC 9112 §9.5 (failures and timeouts)</a>
 */
final class RequestHeadDeadline extends ChannelDuplexHandler {

    static final String NAME = "mcpgateway.requestHeadDeadline";

    private final long timeoutNanos;
    private ScheduledFuture<?> deadline;
    /** Requests whose head was read and whose response has not been written completely. */
    private int inFlight;

    RequestHeadDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            arm(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            inFlight++;
            cancel();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean interim = msg instanceof HttpResponse response && response.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL;
        if (msg instanceof LastHttpContent && !interim) {
            promise = promise.unvoid();
            promise.addListener(written -> {
                inFlight = Math.max(0, inFlight - 1);
                if (inFlight == 0 && ctx.channel().isActive()) {
                    arm(ctx);
                }
            });
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void arm(ChannelHandlerContext ctx) {
        cancel();
        deadline = ctx.executor().schedule(() -> {
            if (inFlight == 0) {
                ctx.close();
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
