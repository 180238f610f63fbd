package dev.mcpgateway.token;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Every reason an access token is refused, each with a short fixed description that becomes the
 * {@code error_description} of an {@code invalid_token} challenge (RFC 6750 §3.1). Descriptions never
 * contain any part of the token, so they are safe to return to clients and to log.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 §3.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-4">RFC 9068 §4</a>
 */
public enum TokenRejection {

    /** Not a compact JWS with a JSON claims set (RFC 7515 §7.1, RFC 7519 §7.2); encrypted tokens are not supported. */
    MALFORMED("The access token is malformed"),
    /** {@code alg} is {@code none}, symmetric or otherwise outside the asymmetric allow-list (RFC 8725 §3.1). */
    ALGORITHM_NOT_ALLOWED("The token signing algorithm is not allowed"),
    /** {@code typ} is neither {@code at+jwt} nor {@code JWT} (RFC 9068 §4, RFC 8725 §3.11). */
    TYPE_NOT_ACCEPTED("The token type is not accepted"),
    /** {@code iss} is missing or not an issuer this route trusts (RFC 7519 §4.1.1, RFC 9068 §4). */
    UNTRUSTED_ISSUER("The token issuer is not trusted for this resource"),
    /** {@code exp} is missing (RFC 9068 §2.2). */
    MISSING_EXPIRY("The access token has no expiration time"),
    /** {@code exp} has passed, allowing for clock skew (RFC 7519 §4.1.4). */
    EXPIRED("The access token has expired"),
    /** {@code nbf} is in the future, allowing for clock skew (RFC 7519 §4.1.5). */
    NOT_YET_VALID("The access token is not valid yet"),
    /** {@code aud} names no audience this route accepts (RFC 7519 §4.1.3, RFC 8707 §2). */
    AUDIENCE_MISMATCH("The token audience does not include this resource"),
    /** The issuer publishes no usable key matching the JWS header (RFC 7515 §4.1.4, RFC 7517 §4). */
    UNKNOWN_SIGNING_KEY("The token signing key is not recognized"),
    /** The signature does not verify with the issuer's key, or a critical header is not understood (RFC 7515 §5.2). */
    INVALID_SIGNATURE("The token signature is invalid"),
    /** The authorization server says the token is not active: revoked, expired or never issued (RFC 7662 §2.2). */
    INACTIVE("The access token is not active"),
    /** {@code exp - iat} exceeds the lifetime this resource accepts from the token's authorization server. */
    LIFETIME_TOO_LONG("The access token lifetime exceeds the maximum this resource accepts"),
    /** A lifetime limit applies but the token has no {@code iat} to measure it from (RFC 7519 §4.1.6). */
    MISSING_ISSUE_TIME("The access token has no issue time, so its lifetime cannot be checked"),
    /** Neither the subject claim nor a client id names who the token speaks for (RFC 9068 §2.2). */
    MISSING_SUBJECT("The access token has no subject"),
    /**
     * {@code exp}, {@code nbf} or {@code iat} is not a JSON number between 0 and the end of year 9999 (RFC 7519 §2
     * NumericDate); checked before any arithmetic, so that no value can wrap around into a plausible date.
     */
    INVALID_DATE("The access token has an invalid exp, nbf or iat"),
    /** The subject, client or tenant contains a control character, which no header can carry. */
    UNFORWARDABLE_IDENTITY("The access token's identity claims contain control characters"),
    /** The subject or client claim is not a string, or the tenant claim neither a string nor an integer (RFC 7519 §4.1.2). */
    INVALID_IDENTITY_CLAIM("The access token's subject, client or tenant claim has the wrong type");

    private final String description;

    TokenRejection(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The {@code invalid_token} error, for token validators. */
    public OAuth2Error error() {
        return BearerTokenErrors.invalidToken(description);
    }

    /** A new exception carrying only the fixed description and no cause, so nothing token-derived travels with it. */
    public InvalidBearerTokenException exception() {
        return new InvalidBearerTokenException(description);
    }
}
