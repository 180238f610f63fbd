package dev.mcpgateway.token;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * A compact JWS (RFC 7515 §7.1) whose header and claims have been read but whose signature is not yet verified.
 * Parsing costs no I/O, so every check that needs no key runs on this before any network call.
 *
 * @param jws the nimbus object whose signature {@link JwsSignatureVerifier} checks
 * @param jwt the same header and claims as a Spring {@link Jwt}, for the claim validators
 */
record ParsedToken(SignedJWT jws, Jwt jwt) {

    /** Keeps {@code iss} exactly as sent; Spring's default would try to turn it into a URL. */
    private static final MappedJwtClaimSetConverter CLAIMS = MappedJwtClaimSetConverter.withDefaults(
            Map.<String, Converter<Object, ?>>of(JwtClaimNames.ISS, issuer -> issuer));

    /**
     * Reads a token without trusting it. Unsecured ({@code alg: none}) tokens, encrypted tokens, algorithms outside
     * {@link JwsSignatureVerifier#ALLOWED_ALGORITHMS}, claims that are not a JSON object and date claims that are not
     * sane numbers ({@link RegisteredClaims}) are refused here. The claims are read from the payload's JSON directly:
     * nimbus' own claims set converts dates with arithmetic that wraps around.
     *
     * @throws org.springframework.security.oauth2.server.resource.InvalidBearerTokenException with a fixed description
     */
    static ParsedToken parse(String token) {
        return check(token, readCompactSerialization(token), null);
    }

    /**
     * As {@link #parse}, from what {@link TokenShape#of} already read of {@code token}: the same checks, no second
     * parse.
     */
    static ParsedToken of(String token, TokenShape shape) {
        JWT parsed = shape.parsed();
        return parsed == null ? parse(token) : check(token, parsed, shape.claims());
    }

    /** @param claims the payload as a JSON object if already read, else null (read here) */
    private static ParsedToken check(String token, JWT parsed, @Nullable Map<String, Object> claims) {
        if (parsed instanceof PlainJWT) {
            throw TokenRejection.ALGORITHM_NOT_ALLOWED.exception();
        }
        if (!(parsed instanceof SignedJWT jws)) {
            throw TokenRejection.MALFORMED.exception();
        }
        if (!JwsSignatureVerifier.ALLOWED_ALGORITHMS.contains(jws.getHeader().getAlgorithm())) {
            throw TokenRejection.ALGORITHM_NOT_ALLOWED.exception();
        }
        try {
            Map<String, Object> raw = claims != null ? claims : jws.getPayload().toJSONObject();
            if (raw == null) {
                throw TokenRejection.MALFORMED.exception();
            }
            RegisteredClaims.check(raw);
            Map<String, Object> converted = CLAIMS.convert(raw);
            Jwt jwt = Jwt.withTokenValue(token)
                    .headers(headers -> headers.putAll(jws.getHeader().toJSONObject()))
                    .claims(values -> values.putAll(converted))
                    .build();
            return new ParsedToken(jws, jwt);
        } catch (InvalidBearerTokenException e) {
            throw e;
        } catch (RuntimeException e) {
            // The cause may quote token content, so it is dropped on purpose.
            throw TokenRejection.MALFORMED.exception();
        }
    }

    private static JWT readCompactSerialization(String token) {
        try {
            return JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw TokenRejection.MALFORMED.exception();
        }
    }
}
