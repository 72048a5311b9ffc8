package cn.henan.skillshub.api;

import java.util.Set;

/**
 * A holder of an API key: a named system or person and its roles.
 *
 * @param name as configured, e.g. {@code provincial-platform}; logged and shown, never secret
 */
public record ApiClient(String name, Set<Role> roles) {

    public ApiClient {
        roles = Set.copyOf(roles);
    }
}
