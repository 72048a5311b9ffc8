package cn.henan.skillshub.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs} (and Swagger UI at {@code /swagger-ui.html}). Public: it describes
 * the API, holds no data, and the platform's and subscribers' developers need it before they hold a key.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String API_KEY = "apiKey";

    @Bean
    OpenAPI skillsHubOpenApi() {
        return new OpenAPI()
                .info(new Info().title("skills-hub platform and operations API").version("v1")
                        .description("""
                                The integration hub of Henan's digital-economy technical-skills talent programme.
                                Reference data (GET) is public. Everything else needs an API key sent as \
                                'Authorization: Bearer <key>'; its roles (PLATFORM, OPS, AUDITOR) decide what it may \
                                do. Errors are RFC 9457 problem documents: 401 for a missing or wrong key, 403 for a \
                                key without the role, 400/409/413/422 for refused requests."""))
                .components(new Components().addSecuritySchemes(API_KEY, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("skills-hub API key")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY));
    }
}
