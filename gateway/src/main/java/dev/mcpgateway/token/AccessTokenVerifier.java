package dev.mcpgateway.token;

import com.nimbusds.jwt.JWTParser;
import dev.mcpgateway.config.AuthorizationServerConfig;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** Interim verifier (replaced by the full token package). */
public final class AccessTokenVerifier {
    private final Map<String, AuthorizationServerConfig> servers;
    private final Map<String, ReactiveJwtDecoder> decoders;

    public AccessTokenVerifier(Collection<AuthorizationServerConfig> servers, WebClient webClient, TokenVerifierSettings settings, Clock clock) {
        this.servers = servers.stream().collect(Collectors.toMap(AuthorizationServerConfig::name, s -> s));
        this.decoders = servers.stream().collect(Collectors.toMap(AuthorizationServerConfig::issuer,
                s -> {
                    NimbusReactiveJwtDecoder d = NimbusReactiveJwtDecoder.withJwkSetUri(s.jwksUri().toString()).webClient(webClient).build();
                    d.setJwtValidator(new org.springframework.security.oauth2.jwt.JwtTimestampValidator());
                    return d;
                }));
    }

    public Mono<Jwt> verify(String token, List<String> trustedServerNames, Set<String> acceptedAudiences) {
        String iss;
        try {
            iss = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        } catch (Exception e) {
            return Mono.error(new InvalidBearerTokenException("The access token is malformed"));
        }
        boolean trusted = trustedServerNames.stream().anyMatch(n -> servers.get(n).issuer().equals(iss));
        if (!trusted) {
            return Mono.error(new InvalidBearerTokenException("The token issuer is not trusted for this resource"));
        }
        return decoders.get(iss).decode(token)
                .onErrorMap(e -> new InvalidBearerTokenException("The access token is invalid"))
                .filter(jwt -> jwt.getAudience().stream().anyMatch(acceptedAudiences::contains))
                .switchIfEmpty(Mono.error(new InvalidBearerTokenException("The token audience does not include this resource")));
    }

    public void close() {
    }
}
