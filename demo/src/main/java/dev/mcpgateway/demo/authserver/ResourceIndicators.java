package dev.mcpgateway.demo.authserver;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Reads and validates the {@code resource} parameter of RFC 8707 (Resource Indicators for OAuth 2.0).
 * <p>
 * Spring Authorization Server keeps unknown request parameters as "additional parameters", where a
 * parameter sent once is a {@code String} and a repeated one is a {@code String[]}.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc8707#section-2">RFC 8707 §2</a>
 */
final class ResourceIndicators {

    static final String PARAMETER = "resource";

    /** RFC 8707 §2: the error code for an unacceptable {@code resource} value. */
    static final String INVALID_TARGET = "invalid_target";

    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc8707#section-2";

    private ResourceIndicators() {}

    /**
     * Returns the validated resource indicators found in {@code parameters}, or an empty list when
     * none was sent.
     * @throws OAuth2AuthenticationException with {@code invalid_target} when a value is not an
     * absolute URI or carries a fragment (RFC 8707 §2)
     */
    static List<String> from(Map<String, Object> parameters) {
        List<String> resources = values(parameters.get(PARAMETER));
        resources.forEach(ResourceIndicators::validate);
        return resources;
    }

    static OAuth2AuthenticationException invalidTarget(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(INVALID_TARGET, description, ERROR_URI));
    }

    private static List<String> values(@Nullable Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (raw instanceof String value) {
            return List.of(value);
        }
        if (raw instanceof String[] array) {
            return Arrays.stream(array).distinct().toList();
        }
        if (raw instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).distinct().toList();
        }
        throw invalidTarget("The resource parameter is malformed.");
    }

    private static void validate(String resource) {
        URI uri;
        try {
            uri = new URI(resource);
        } catch (URISyntaxException ex) {
            throw invalidTarget("The resource parameter is not a valid URI.");
        }
        if (!uri.isAbsolute() || uri.getRawFragment() != null) {
            throw invalidTarget("The resource parameter must be an absolute URI without a fragment.");
        }
    }
}
