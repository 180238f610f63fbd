package dev.mcpgateway.demo.authserver;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A demo OAuth 2.1 authorization server (Spring Authorization Server) on {@code 127.0.0.1}.
 * <p>
 * It issues RFC 9068 JWT access tokens whose audience is the RFC 8707 {@code resource} the client
 * asked for, publishes RFC 8414 metadata at {@code /.well-known/oauth-authorization-server} and
 * OpenID discovery at {@code /.well-known/openid-configuration}, accepts open Dynamic Client
 * Registration (RFC 7591) at {@code /oauth2/register} and logs in the user {@code alice/alice}.
 * Clients are listed in {@link DemoClients}.
 * <p>
 * The application reads no configuration file and gets its settings as command-line arguments,
 * which outrank environment variables and system properties, so it behaves the same when started
 * inside another application's JVM.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc8414">RFC 8414</a>
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc8707#section-2">RFC 8707 §2</a>
 */
public final class DemoAuthorizationServer implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private static final int RANDOM_PORT_ATTEMPTS = 5;

    private final ConfigurableApplicationContext context;

    private final int port;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private DemoAuthorizationServer(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    /**
     * Starts the server and returns once it accepts requests.
     * @param port the port to listen on, or {@code 0} for a free one; the issuer embeds the port,
     * so a free port is chosen before start-up (and chosen again if another process takes it)
     */
    public static DemoAuthorizationServer start(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        if (port != 0) {
            return new DemoAuthorizationServer(run(port), port);
        }
        for (int attempt = 1; ; attempt++) {
            int candidate = freeLoopbackPort();
            try {
                return new DemoAuthorizationServer(run(candidate), candidate);
            } catch (RuntimeException ex) {
                if (attempt == RANDOM_PORT_ATTEMPTS || !isPortConflict(ex)) {
                    throw ex;
                }
            }
        }
    }

    /** The issuer identifier, {@code http://127.0.0.1:<port>} without a trailing slash (RFC 8414 §2). */
    public String issuer() {
        return "http://" + LOOPBACK + ":" + this.port;
    }

    public int port() {
        return this.port;
    }

    /**
     * Requests an access token with the client credentials grant as {@code demo-client}, sending
     * {@code client_secret_basic} to the token endpoint.
     * @param resource the RFC 8707 resource indicator (the token's audience), or {@code null}
     * @param scope space-delimited scopes, or {@code null}
     * @return the access token (a signed JWT)
     * @throws IllegalStateException when the server refuses the request
     */
    public String clientCredentialsToken(@Nullable String resource, @Nullable String scope) {
        List<String> form = new ArrayList<>(List.of("grant_type=client_credentials"));
        if (resource != null) {
            form.add("resource=" + URLEncoder.encode(resource, StandardCharsets.UTF_8));
        }
        if (scope != null) {
            form.add("scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        }
        String credentials = DemoClients.CONFIDENTIAL_CLIENT_ID + ":" + DemoClients.CONFIDENTIAL_CLIENT_SECRET;
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/token"))
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", form)))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "Token request failed with HTTP " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "access_token");
        } catch (ParseException ex) {
            throw new IllegalStateException("Token response is not JSON: " + response.body(), ex);
        }
    }

    @Override
    public void close() {
        this.context.close();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return this.http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while requesting a token", ex);
        }
    }

    private static ConfigurableApplicationContext run(int port) {
        return new SpringApplicationBuilder(AuthorizationServerApplication.class)
                .main(AuthorizationServerApplication.class)
                .web(WebApplicationType.SERVLET)
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false)
                .run(
                        "--spring.main.web-application-type=servlet",
                        "--spring.config.name=demo-auth-server",
                        "--spring.application.name=demo-auth-server",
                        "--spring.main.banner-mode=off",
                        "--spring.cloud.gateway.server.webflux.enabled=false",
                        "--spring.jmx.enabled=false",
                        "--server.address=" + LOOPBACK,
                        "--server.port=" + port,
                        "--server.shutdown=immediate",
                        "--" + AuthorizationServerConfig.ISSUER_PROPERTY + "=http://" + LOOPBACK + ":" + port);
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException("No free port on " + LOOPBACK, ex);
        }
    }

    private static boolean isPortConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PortInUseException || cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
