package dev.mcpgateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

class AudienceValidatorTest {

    private static final String RESOURCE = "https://mcp.example.com/github/mcp";

    private final AudienceValidator validator = new AudienceValidator(Set.of(RESOURCE, "github-mcp"));

    private static OAuth2TokenValidatorResult validate(AudienceValidator validator, List<String> audience) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("alice");
        if (audience != null) {
            jwt.audience(audience);
        }
        return validator.validate(jwt.build());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                RESOURCE,
                "github-mcp",
                "HTTPS://MCP.EXAMPLE.COM/github/mcp",
                "https://Mcp.Example.Com/github/mcp"
            })
    void acceptedAudienceIsValid(String audience) {
        assertThat(validate(validator, List.of(audience)).hasErrors()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://mcp.example.com/GITHUB/mcp",
                "https://mcp.example.com/github/mcp/",
                "GITHUB-MCP",
                "https://mcp.example.com",
                "https://mcp.example.com:443/github/mcp",
                "https://mcp.example.com/github/mcp?x=1",
                "https://evil.example/github/mcp",
                "https://user@mcp.example.com/github/mcp"
            })
    void otherAudienceIsInvalid(String audience) {
        OAuth2TokenValidatorResult result = validate(validator, List.of(audience));

        assertThat(result.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getErrorCode()).isEqualTo("invalid_token");
            assertThat(error.getDescription()).isEqualTo(TokenRejection.AUDIENCE_MISMATCH.description());
        });
    }

    @Test
    void oneMatchingValueAmongSeveralIsEnough() {
        assertThat(validate(validator, List.of("https://a.example", RESOURCE)).hasErrors())
                .isFalse();
    }

    @Test
    void missingOrEmptyAudienceIsInvalid() {
        assertThat(validate(validator, null).hasErrors()).isTrue();
        assertThat(validate(validator, List.of()).hasErrors()).isTrue();
    }

    @Test
    void configuredAudienceWithUppercaseHostStillMatches() {
        AudienceValidator uppercaseConfig = new AudienceValidator(Set.of("https://MCP.example.com/github/mcp"));

        assertThat(validate(uppercaseConfig, List.of(RESOURCE)).hasErrors()).isFalse();
    }

    @Test
    void noAcceptedAudienceMeansEveryTokenIsInvalid() {
        assertThat(validate(new AudienceValidator(Set.of()), List.of(RESOURCE)).hasErrors())
                .isTrue();
    }
}
