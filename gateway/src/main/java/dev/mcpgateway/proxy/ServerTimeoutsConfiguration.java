package dev.mcpgateway.proxy;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * How long a client may take to send a request (DESIGN.md §7: a few hundred slow sockets must not hold the
 * gateway). {@code gateway.server.request-header-timeout} bounds the wait for each request head
 * ({@link RequestHeadDeadline}), idle keep-alive connections included; {@code gateway.server.request-body-timeout}
 * bounds the time to receive a request body (Reactor Netty's request timeout, answered {@code 408} and closed).
 * Neither bounds a response: streams to the client may last for hours.
 */
@Configuration(proxyBeanMethods = false)
class ServerTimeoutsConfiguration {

    @Bean
    NettyServerCustomizer requestTimeouts(@Value("${gateway.server.request-header-timeout:30s}") Duration headerTimeout,
            @Value("${gateway.server.request-body-timeout:60s}") Duration bodyTimeout) {
        return server -> server
                .requestTimeout(bodyTimeout)
                .readTimeout(bodyTimeout)
                .doOnChannelInit((observer, channel, address) -> {
                    RequestHeadDeadline deadline = new RequestHeadDeadline(headerTimeout);
                    if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                        channel.pipeline().addAfter(NettyPipeline.HttpCodec, RequestHeadDeadline.NAME, deadline);
                    } else {
                        channel.pipeline().addLast(RequestHeadDeadline.NAME, deadline);
                    }
                });
    }
}
