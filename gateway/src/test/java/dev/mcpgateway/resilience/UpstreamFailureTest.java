package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;

class UpstreamFailureTest {

    @Test
    void connectFailuresMeanTheUpstreamIsUnreachable() {
        assertThat(UpstreamFailure.of(new ConnectException("Connection refused")))
                .isEqualTo(UpstreamFailure.UNREACHABLE);
        assertThat(UpstreamFailure.of(new ConnectTimeoutException("connect timed out")))
                .isEqualTo(UpstreamFailure.UNREACHABLE);
        assertThat(UpstreamFailure.of(new UnknownHostException("mcp.internal"))).isEqualTo(UpstreamFailure.UNREACHABLE);
        assertThat(UpstreamFailure.of(new IllegalStateException(new ConnectException("wrapped"))))
                .isEqualTo(UpstreamFailure.UNREACHABLE);
    }

    @Test
    void aBrokenConnectionOrAnswerIsABrokenResponse() {
        assertThat(UpstreamFailure.of(new IOException("Connection reset by peer")))
                .isEqualTo(UpstreamFailure.BROKEN_RESPONSE);
        assertThat(UpstreamFailure.of(PrematureCloseException.TEST_EXCEPTION))
                .isEqualTo(UpstreamFailure.BROKEN_RESPONSE);
        assertThat(UpstreamFailure.of(new DecoderException("bad chunk"))).isEqualTo(UpstreamFailure.BROKEN_RESPONSE);
    }

    @Test
    void springCloudGatewaysResponseTimeoutIsAFirstByteTimeout() {
        assertThat(UpstreamFailure.of(new ResponseStatusException(
                        HttpStatus.GATEWAY_TIMEOUT,
                        "Response took longer than timeout",
                        new org.springframework.cloud.gateway.support.TimeoutException("t"))))
                .isEqualTo(UpstreamFailure.FIRST_BYTE_TIMEOUT);
        assertThat(UpstreamFailure.of(new TimeoutException())).isEqualTo(UpstreamFailure.FIRST_BYTE_TIMEOUT);
    }

    @Test
    void refusalsByTheGatewayKeepTheirOwnKind() {
        for (UpstreamFailure refusal : new UpstreamFailure[] {
            UpstreamFailure.CIRCUIT_OPEN, UpstreamFailure.CALLS_FULL, UpstreamFailure.STREAMS_FULL
        }) {
            assertThat(UpstreamFailure.of(new UpstreamRefusedException(refusal, "r", Duration.ofSeconds(1))))
                    .isEqualTo(refusal);
            assertThat(refusal.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        }
    }

    @Test
    void anExhaustedConnectionPoolIsRefusedAsFullNotAsATimeout() {
        assertThat(UpstreamFailure.of(new RuntimeException(new PoolAcquireTimeoutException(Duration.ofSeconds(5)))))
                .isEqualTo(UpstreamFailure.CONNECTIONS_FULL);
        assertThat(UpstreamFailure.of(new PoolAcquirePendingLimitException(20_000)))
                .isEqualTo(UpstreamFailure.CONNECTIONS_FULL);
        assertThat(UpstreamFailure.CONNECTIONS_FULL.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(UpstreamFailure.CONNECTIONS_FULL.reason()).isEqualTo("too_many_connections");
    }

    @Test
    void anythingElseIsAnInternalError() {
        assertThat(UpstreamFailure.of(new NullPointerException())).isEqualTo(UpstreamFailure.INTERNAL);
        assertThat(UpstreamFailure.of(new ResponseStatusException(HttpStatus.BAD_REQUEST)))
                .isEqualTo(UpstreamFailure.INTERNAL);
    }

    @Test
    void statusesAreTheDocumentedOnes() {
        assertThat(UpstreamFailure.UNREACHABLE.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(UpstreamFailure.BROKEN_RESPONSE.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(UpstreamFailure.FIRST_BYTE_TIMEOUT.status()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
        assertThat(UpstreamFailure.INTERNAL.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
