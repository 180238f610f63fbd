package dev.mcpgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.netty.http.client.PrematureCloseException;

/** The retry rule: only a connection that never existed is retried, once; a tools/call that may have arrived never is. */
class ConnectRetryTest {

    @Test
    void aRefusedConnectionIsRetriedOnce() {
        assertThat(ConnectRetry.mayRetry(new ConnectException("refused"), 1, true))
                .isTrue();
        assertThat(ConnectRetry.mayRetry(new ConnectException("refused"), 2, true))
                .isFalse();
    }

    @Test
    void nothingIsRetriedWhenTheRouteTurnedItOff() {
        assertThat(ConnectRetry.mayRetry(new ConnectException("refused"), 1, false))
                .isFalse();
    }

    @Test
    void aRequestThatMayHaveReachedTheUpstreamIsNeverReplayed() {
        assertThat(ConnectRetry.mayRetry(new IOException("Connection reset by peer"), 1, true))
                .isFalse();
        assertThat(ConnectRetry.mayRetry(PrematureCloseException.TEST_EXCEPTION, 1, true))
                .isFalse();
        assertThat(ConnectRetry.mayRetry(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT), 1, true))
                .isFalse();
        assertThat(ConnectRetry.mayRetry(
                        new UpstreamRefusedException(UpstreamFailure.CIRCUIT_OPEN, "r", Duration.ZERO), 1, true))
                .isFalse();
    }
}
