package dev.mcpgateway.token;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.mcpgateway.config.IntrospectionConfig;
import dev.mcpgateway.config.IntrospectionConfig.ClientAuthentication;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * One RFC 7662 §2.1 introspection request: {@code POST token=…&token_type_hint=access_token} to the endpoint,
 * authenticated with the gateway's client credentials, either HTTP Basic with form-urlencoded id and secret
 * ({@code client_secret_basic}) or in the form body ({@code client_secret_post}), RFC 6749 §2.3.1.
 *
 * <p>Anything but a JSON object in a 2xx answer within the timeout (refused connection, timeout, error status,
 * broken body, the gateway's own credentials refused) is an {@link AuthenticationServiceException}: the token may be
 * fine, the gateway cannot tell, and the client must not be sent to re-authorize. The token travels only in the
 * request body and never appears in a message or log line.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2.1">RFC 7662 §2.1</a>
 */
final class IntrospectionClient {

    private static final Logger log = LoggerFactory.getLogger(IntrospectionClient.class);
    private static final String UNAVAILABLE =
            "The token introspection endpoint of the authorization server is unavailable";

    private final String serverName;
    private final IntrospectionConfig config;
    private final WebClient webClient;

    IntrospectionClient(String serverName, IntrospectionConfig config, WebClient webClient) {
        this.serverName = serverName;
        this.config = config;
        this.webClient = webClient;
    }

    /** The introspection response as a JSON object (RFC 7662 §2.2), whatever its {@code active} says. */
    Mono<Map<String, Object>> introspect(String token) {
        return webClient
                .post()
                .uri(config.uri())
                .headers(this::authenticate)
                .accept(MediaType.APPLICATION_JSON)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form(token)))
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? response.bodyToMono(String.class).defaultIfEmpty("")
                        : response.releaseBody().then(Mono.error(() -> refused(response.statusCode()))))
                .timeout(config.timeout())
                .map(this::parse)
                .onErrorMap(error -> !(error instanceof AuthenticationServiceException), this::unavailable);
    }

    private MultiValueMap<String, String> form(String token) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("token", token);
        form.add("token_type_hint", "access_token");
        if (config.clientAuth() == ClientAuthentication.POST) {
            form.add("client_id", config.clientId());
            form.add("client_secret", config.clientSecret());
        }
        return form;
    }

    /** RFC 6749 §2.3.1: id and secret are form-urlencoded before they are joined and Base64-encoded. */
    private void authenticate(HttpHeaders headers) {
        if (config.clientAuth() == ClientAuthentication.BASIC) {
            String credentials = urlEncode(config.clientId()) + ":" + urlEncode(config.clientSecret());
            headers.set(
                    HttpHeaders.AUTHORIZATION,
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Map<String, Object> parse(String body) {
        try {
            return JSONObjectUtils.parse(body);
        } catch (ParseException e) {
            log.warn(
                    "The introspection endpoint of authorization server '{}' answered with something other than a"
                            + " JSON object",
                    serverName);
            throw new AuthenticationServiceException(UNAVAILABLE);
        }
    }

    private AuthenticationServiceException refused(HttpStatusCode status) {
        if (status.value() == 401 || status.value() == 403) {
            log.error(
                    "The introspection endpoint of authorization server '{}' refused the gateway's client"
                            + " credentials (HTTP {}); check introspection.client-id, client-secret and client-auth",
                    serverName,
                    status.value());
        } else {
            log.warn(
                    "The introspection endpoint of authorization server '{}' answered HTTP {}",
                    serverName,
                    status.value());
        }
        return new AuthenticationServiceException(UNAVAILABLE);
    }

    private AuthenticationServiceException unavailable(Throwable error) {
        String reason = error instanceof TimeoutException
                ? "no answer within " + config.timeout().toMillis() + " ms"
                : error.getClass().getSimpleName();
        log.warn("Could not introspect a token at authorization server '{}': {}", serverName, reason);
        return new AuthenticationServiceException(UNAVAILABLE);
    }
}
