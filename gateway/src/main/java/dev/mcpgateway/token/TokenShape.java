package dev.mcpgateway.token;

import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a bearer token looks like before anything about it is trusted: a JWT (RFC 7519 §7.2: compact JWS, JWE or
 * unsecured) with the {@code iss} it claims, or an opaque string. Reading it costs no I/O; it only decides where the
 * token goes ({@link TokenDispatch}), never whether it is accepted. What was read is kept, so a token that goes on to
 * JWT validation is parsed once ({@link ParsedToken#of}; DESIGN.md §7, "a JWT parsed at most once").
 *
 * @param jwt    whether the token parses as a JWT
 * @param issuer the unverified {@code iss} of a JWT, or {@code null} (opaque, encrypted, or no such claim)
 * @param parsed the parsed JWT, or {@code null} for an opaque token
 * @param claims the JWT's payload read as a JSON object, exactly as sent, or {@code null} (opaque, encrypted, or not
 *               a JSON object)
 */
record TokenShape(
        boolean jwt,
        @Nullable String issuer,
        @Nullable JWT parsed,
        @Nullable Map<String, Object> claims) {

    static final TokenShape OPAQUE = new TokenShape(false, null);

    /** A shape alone, without what was read: for deciding where a token goes. */
    TokenShape(boolean jwt, @Nullable String issuer) {
        this(jwt, issuer, null, null);
    }

    static TokenShape of(String token) {
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            return OPAQUE;
        }
        if (parsed instanceof EncryptedJWT) {
            return new TokenShape(true, null, parsed, null);
        }
        try {
            Map<String, Object> claims = ((JOSEObject) parsed).getPayload().toJSONObject();
            return new TokenShape(
                    true, claims != null && claims.get("iss") instanceof String iss ? iss : null, parsed, claims);
        } catch (RuntimeException e) {
            return new TokenShape(true, null, parsed, null);
        }
    }
}
