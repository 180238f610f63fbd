package dev.mcpgateway.token;

import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import org.jspecify.annotations.Nullable;

/**
 * What a bearer token looks like before anything about it is trusted: a JWT (RFC 7519 §7.2: compact JWS, JWE or
 * unsecured) with the {@code iss} it claims, or an opaque string. Reading it costs no I/O; it only decides where the
 * token goes ({@link TokenDispatch}), never whether it is accepted.
 *
 * @param jwt    whether the token parses as a JWT
 * @param issuer the unverified {@code iss} of a JWT, or {@code null} (opaque, encrypted, or no such claim)
 */
record TokenShape(boolean jwt, @Nullable String issuer) {

    static final TokenShape OPAQUE = new TokenShape(false, null);

    static TokenShape of(String token) {
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            return OPAQUE;
        }
        if (parsed instanceof EncryptedJWT) {
            return new TokenShape(true, null);
        }
        try {
            return new TokenShape(true, parsed.getJWTClaimsSet().getIssuer());
        } catch (ParseException | RuntimeException e) {
            return new TokenShape(true, null);
        }
    }
}
