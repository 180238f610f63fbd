package dev.mcpgateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

class TokenTypeValidatorTest {

    private final TokenTypeValidator validator = new TokenTypeValidator();

    private OAuth2TokenValidatorResult validate(Object typ) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("alice");
        if (typ != null) {
            jwt.header("typ", typ);
        }
        return validator.validate(jwt.build());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"at+jwt", "AT+JWT", "application/at+jwt", "APPLICATION/At+Jwt", "JWT", "jwt", "application/jwt"})
    void accessTokenAndJwtTypesAreValid(String typ) {
        assertThat(validate(typ).hasErrors()).isFalse();
    }

    @Test
    void absentTypeIsValid() {
        assertThat(validate(null).hasErrors()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "JOSE",
                "JOSE+JSON",
                "dpop+jwt",
                "logout+jwt",
                "at+jwt ",
                "application/",
                "text/at+jwt",
                "at+jw"
            })
    void otherTypesAreInvalid(String typ) {
        assertThat(validate(typ).getErrors())
                .singleElement()
                .satisfies(error ->
                        assertThat(error.getDescription()).isEqualTo(TokenRejection.TYPE_NOT_ACCEPTED.description()));
    }

    @Test
    void nonStringTypeIsInvalid() {
        assertThat(validate(42).hasErrors()).isTrue();
    }
}
