package dev.mcpgateway.token;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The authentication of a request that carried a valid access token. Its credentials are deliberately empty. */
public final class TokenAuthentication extends AbstractAuthenticationToken {

    private final TokenPrincipal principal;

    public TokenAuthentication(TokenPrincipal principal) {
        super(principal.scopes().stream()
                .map(scope -> new SimpleGrantedAuthority("SCOPE_" + scope))
                .toList());
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public TokenPrincipal getPrincipal() {
        return principal;
    }

    /** Never the token: nothing after validation may hold on to the client's credential. */
    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return principal.subject();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenAuthentication that && principal.equals(that.principal);
    }

    @Override
    public int hashCode() {
        return principal.hashCode();
    }
}
