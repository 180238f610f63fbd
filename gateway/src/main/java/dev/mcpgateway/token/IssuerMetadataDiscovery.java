package dev.mcpgateway.token;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finds an authorization server's {@code jwks_uri} from its issuer identifier, trying in order the RFC 8414 §3.1
 * location with the well-known segment inserted before the issuer path, then OpenID Connect Discovery with the
 * same insertion, then OpenID Connect Discovery appended to the issuer (the order MCP clients use too).
 * A location that answers with an error status or with something other than a JSON object is skipped.
 *
 * <p>A document whose {@code issuer} differs from the configured issuer, even by a trailing slash, is refused and
 * ends the discovery: RFC 8414 §3.3 forbids using it, as it may be an attacker's metadata.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-3">RFC 8414 §3</a>
 * @see <a href="https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig">
 *      OpenID Connect Discovery §4</a>
 */
public final class IssuerMetadataDiscovery {

    private static final Logger log = LoggerFactory.getLogger(IssuerMetadataDiscovery.class);

    private final WebClient webClient;
    private final Duration timeout;

    public IssuerMetadataDiscovery(WebClient webClient, Duration timeout) {
        this.webClient = webClient;
        this.timeout = timeout;
    }

    /** The {@code jwks_uri} of the first metadata document found for {@code issuer}; an error if none is usable. */
    public Mono<URI> jwksUri(String issuer) {
        return metadata(issuer)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("No authorization server metadata found for"
                        + " issuer " + issuer + " at " + metadataLocations(issuer))))
                .flatMap(found -> jwksUri(issuer, found.location(), found.document()));
    }

    /**
     * The first metadata document found for {@code issuer}, in the probing order above, whatever issuer it declares
     * (the caller decides what a mismatch means); empty when every location answers without one, an error when a
     * location cannot be reached.
     */
    public Mono<AuthorizationServerMetadata> metadata(String issuer) {
        return Flux.fromIterable(metadataLocations(issuer))
                .concatMap(location ->
                        document(location).map(document -> new AuthorizationServerMetadata(location, document)))
                .next();
    }

    /** RFC 8414 §3.1 and OpenID Connect Discovery §4 locations for {@code issuer}, without duplicates. */
    static List<URI> metadataLocations(String issuer) {
        URI uri = URI.create(issuer);
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        String path = Optional.ofNullable(uri.getRawPath()).orElse("").replaceAll("/+$", "");
        Set<String> locations = new LinkedHashSet<>();
        locations.add(origin + "/.well-known/oauth-authorization-server" + path);
        locations.add(origin + "/.well-known/openid-configuration" + path);
        locations.add(origin + path + "/.well-known/openid-configuration");
        return locations.stream().map(URI::create).toList();
    }

    private Mono<Map<String, Object>> document(URI location) {
        return webClient
                .get()
                .uri(location)
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                        ? response.bodyToMono(String.class)
                        : response.releaseBody().then(Mono.empty()))
                .timeout(timeout)
                .flatMap(body -> parseObject(location, body));
    }

    private static Mono<Map<String, Object>> parseObject(URI location, String body) {
        try {
            return Mono.just(JSONObjectUtils.parse(body));
        } catch (ParseException e) {
            log.debug("Ignoring {}: not a JSON metadata document", location);
            return Mono.empty();
        }
    }

    private static Mono<URI> jwksUri(String issuer, URI location, Map<String, Object> metadata) {
        Object declaredIssuer = metadata.get("issuer");
        if (!issuer.equals(declaredIssuer)) {
            log.error(
                    "Authorization server metadata at {} declares issuer {} but the configured issuer is {};"
                            + " refusing its keys (RFC 8414 §3.3)",
                    location,
                    declaredIssuer,
                    issuer);
            return Mono.error(new IllegalStateException("Metadata at " + location + " declares issuer " + declaredIssuer
                    + ", not the configured issuer " + issuer));
        }
        if (!(metadata.get("jwks_uri") instanceof String jwksUri)) {
            log.error("Authorization server metadata at {} has no jwks_uri", location);
            return Mono.error(new IllegalStateException("Metadata at " + location + " has no jwks_uri"));
        }
        try {
            URI uri = URI.create(jwksUri);
            if (uri.isAbsolute()) {
                return Mono.just(uri);
            }
        } catch (IllegalArgumentException e) {
            log.debug("Unparseable jwks_uri at {}", location);
        }
        log.error("Authorization server metadata at {} has an invalid jwks_uri {}", location, jwksUri);
        return Mono.error(new IllegalStateException("Metadata at " + location + " has an invalid jwks_uri"));
    }
}
