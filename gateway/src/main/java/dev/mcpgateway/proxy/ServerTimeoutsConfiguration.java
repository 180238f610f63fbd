package dev.mcpgateway.proxy;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * How long a client may take to send a request (a few hundred slow sockets must not hold the gateway):
 * {@code gateway.server.request-header-timeout} bounds each request head from its first byte
 * ({@link RequestHeadDeadline}); {@code gateway.server.request-body-timeout} bounds each request body, in all and
 * between reads (Reactor Netty's request and read timeouts, answered {@code 408} and closed); Spring Boot's
 * {@code server.netty.idle-timeout} closes keep-alive connections that send nothing. None bounds a response:
 * streams to the client may last for hours.
 */
@Configuration(proxyBeanMethods = false)
class ServerTimeoutsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ServerTimeoutsConfiguration.class);
    private static final Duration READ_TIMEOUT_MARGIN = Duration.ofSeconds(5);

    @Bean
    NettyServerCustomizer requestTimeouts(
            @Value("${gateway.server.request-header-timeout:30s}") Duration headerTimeout,
            @Value("${gateway.server.request-body-timeout:60s}") Duration bodyTimeout) {
        return server -> server.requestTimeout(bodyTimeout)
                .readTimeout(bodyTimeout)
                .doOnChannelInit((observer, channel, address) -> {
                    if (channel.pipeline().get(NettyPipeline.HttpCodec) == null) {
                        log.warn("No HTTP/1.1 codec on a new connection: request heads are not time-limited on it");
                        return;
                    }
                    RequestHeadDeadline deadline = new RequestHeadDeadline(headerTimeout);
                    channel.pipeline().addBefore(NettyPipeline.HttpCodec, RequestHeadDeadline.BYTES, deadline.bytes());
                    channel.pipeline()
                            .addAfter(NettyPipeline.HttpCodec, RequestHeadDeadline.MESSAGES, deadline.messages());
                });
    }
}
