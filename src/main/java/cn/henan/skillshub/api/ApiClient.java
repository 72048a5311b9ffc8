package cn.henan.skillshub.api;

import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;

/**
 * A holder of an API key: a named system or person, its roles and, for a prefecture city's bureau, its city.
 *
 * @param name     as configured, e.g. {@code provincial-platform}; logged and shown, never secret
 * @param cityCode the six-digit code of the prefecture city (e.g. {@code 410100}, Zhengzhou) the key is limited to,
 *                 or null for a key of the whole province
 */
public record ApiClient(String name, Set<Role> roles, String cityCode) {

    /** The request attribute that holds the client of a request whose key was accepted (for the audit trail). */
    public static final String ATTRIBUTE = "skillshub.apiClient";

    public ApiClient {
        roles = Set.copyOf(roles);
    }

    public ApiClient(String name, Set<Role> roles) {
        this(name, roles, null);
    }

    /**
     * The city a request is about: a key limited to a city may ask for its own city only (asked for none, it gets
     * its own); another city is a 403. A province-wide key gets what it asked for (null: all cities).
     */
    public static String cityInScope(Authentication authentication, String askedFor) {
        String own = of(authentication).map(ApiClient::cityCode).orElse(null);
        if (own == null) {
            return askedFor;
        }
        if (askedFor != null && !askedFor.equals(own)) {
            throw new ApiProblem(org.springframework.http.HttpStatus.FORBIDDEN, "this API key is limited to city "
                    + own + "; city " + askedFor + " is not its to see");
        }
        return own;
    }

    /** The client behind an authenticated request, if it came with an API key. */
    public static Optional<ApiClient> of(Authentication authentication) {
        return authentication != null && authentication.getDetails() instanceof ApiClient client
                ? Optional.of(client) : Optional.empty();
    }
}
