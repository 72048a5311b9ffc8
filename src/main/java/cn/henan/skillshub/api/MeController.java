package cn.henan.skillshub.api;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the presented key belongs to: the ops console signs in with it, and a client can check its key. */
@RestController
class MeController {

    record Me(String name, List<String> roles) {
    }

    @Operation(summary = "The client of the presented API key and its roles")
    @GetMapping("/api/v1/me")
    Me me(Authentication authentication) {
        return new Me(authentication.getName(), authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).map(a -> a.substring("ROLE_".length())).sorted().toList());
    }
}
