package dev.mcpgateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.config.AuthorizationServerConfig;
import dev.mcpgateway.config.ClaimMapping;
import dev.mcpgateway.config.IntrospectionConfig;
import dev.mcpgateway.config.IntrospectionConfig.ClientAuthentication;
import dev.mcpgateway.config.TokenFormat;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a token goes, from its shape and the route's servers: exactly one place, never a loop over validators. */
class TokenDispatchTest {

    private static final AuthorizationServerConfig JWT = server("jwt", "https://jwt.example", TokenFormat.JWT);
    private static final AuthorizationServerConfig OPAQUE =
            server("opaque", "https://opaque.example", TokenFormat.OPAQUE);
    private static final AuthorizationServerConfig AUTO = server("auto", "https://auto.example", TokenFormat.AUTO);
    private static final AuthorizationServerConfig AUTO_2 = server("auto2", "https://auto2.example", TokenFormat.AUTO);

    @Test
    void jwtOfAJwtServerIsVerifiedLocally() {
        assertThat(decide(jwt("https://jwt.example"), JWT, OPAQUE)).isInstanceOf(TokenDispatch.VerifyJwt.class);
    }

    @Test
    void jwtOfAnAutoServerIsVerifiedLocally() {
        assertThat(decide(jwt("https://auto.example"), AUTO)).isInstanceOf(TokenDispatch.VerifyJwt.class);
    }

    @Test
    void jwtOfAnOpaqueServerIsIntrospectedThereOnly() {
        assertThat(decide(jwt("https://opaque.example"), JWT, AUTO, OPAQUE))
                .isEqualTo(new TokenDispatch.Introspect(List.of(OPAQUE)));
    }

    @Test
    void jwtOfAnIssuerTheRouteDoesNotTrustGoesToLocalVerificationWhichRefusesItWithoutIo() {
        assertThat(decide(jwt("https://evil.example"), OPAQUE, AUTO)).isInstanceOf(TokenDispatch.VerifyJwt.class);
        assertThat(decide(jwt(null), OPAQUE)).isInstanceOf(TokenDispatch.VerifyJwt.class);
    }

    @Test
    void jwtNamingAnOpaqueServerTheRouteDoesNotTrustIsNotIntrospected() {
        assertThat(decide(jwt("https://opaque.example"), JWT)).isInstanceOf(TokenDispatch.VerifyJwt.class);
    }

    @Test
    void opaqueTokenGoesToTheRoutesIntrospectingServersInTheRoutesOrder() {
        assertThat(decide(TokenShape.OPAQUE, AUTO_2, JWT, OPAQUE, AUTO))
                .isEqualTo(new TokenDispatch.Introspect(List.of(AUTO_2, OPAQUE, AUTO)));
    }

    @Test
    void opaqueTokenOnARouteWithoutIntrospectionIsMalformed() {
        assertThat(decide(TokenShape.OPAQUE, JWT)).isEqualTo(new TokenDispatch.Reject(TokenRejection.MALFORMED));
        assertThat(decide(TokenShape.OPAQUE)).isEqualTo(new TokenDispatch.Reject(TokenRejection.MALFORMED));
    }

    @Test
    void shapeOfACompactJwsCarriesItsUnverifiedIssuer() {
        String token = TestTokens.token(TestKeys.RSA_1).serialize();
        TokenShape shape = TokenShape.of(token);
        assertThat(shape.jwt()).isTrue();
        assertThat(shape.issuer()).isEqualTo(TestTokens.ISSUER);
    }

    @Test
    void aJwtReadForItsShapeIsValidatedFromThatReadingAsFromItsText() {
        String token = TestTokens.token(TestKeys.RSA_1).serialize();
        TokenShape shape = TokenShape.of(token);

        ParsedToken once = ParsedToken.of(token, shape);
        ParsedToken again = ParsedToken.parse(token);

        assertThat(once.jws()).isSameAs(shape.parsed());
        assertThat(once.jwt().getClaims()).isEqualTo(again.jwt().getClaims());
        assertThat(once.jwt().getHeaders()).isEqualTo(again.jwt().getHeaders());
    }

    @Test
    void shapeOfAnythingElseIsOpaque() {
        assertThat(TokenShape.of("2YotnFZFEjr1zCsicMWpAA")).isEqualTo(TokenShape.OPAQUE);
        assertThat(TokenShape.of("a.b.c")).isEqualTo(TokenShape.OPAQUE);
        assertThat(TokenShape.of("")).isEqualTo(TokenShape.OPAQUE);
    }

    @Test
    void shapeOfAJwsWithUnreadableClaimsIsAJwtWithoutIssuer() {
        TokenShape shape = TokenShape.of("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln");
        assertThat(shape.jwt()).isTrue();
        assertThat(shape.issuer()).isNull();
        assertThat(shape.claims()).isNull();
    }

    private static TokenDispatch.Decision decide(TokenShape shape, AuthorizationServerConfig... servers) {
        return TokenDispatch.decide(shape, List.of(servers));
    }

    private static TokenShape jwt(String issuer) {
        return new TokenShape(true, issuer);
    }

    private static AuthorizationServerConfig server(String name, String issuer, TokenFormat format) {
        IntrospectionConfig introspection = format == TokenFormat.JWT
                ? null
                : new IntrospectionConfig(
                        URI.create(issuer + "/introspect"),
                        "gateway",
                        "secret",
                        ClientAuthentication.BASIC,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(60));
        return new AuthorizationServerConfig(name, issuer, null, introspection, format, ClaimMapping.DEFAULTS, null);
    }
}
