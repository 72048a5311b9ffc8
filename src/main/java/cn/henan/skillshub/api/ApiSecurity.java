package cn.henan.skillshub.api;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Who may call what. Every caller presents an API key as {@code Authorization: Bearer <key>}; the key names a
 * client and its roles ({@link ApiKeys}). No sessions, no cookies, so no CSRF to defend against.
 *
 * <p>The rules, in one place so that a reviewer reads them at a glance (and {@code ApiSecurityIntegrationTests}
 * checks each of them):
 * <ul>
 * <li>public: reference data (GET), health, the ops console's static page, the OpenAPI document, the event
 *     schemas, the AsyncAPI document and its page;
 * <li>{@code PUT /api/v1/reference/**}: PLATFORM;
 * <li>{@code GET /api/v1/sources}, {@code GET /api/v1/rejections}, settlement and supervision reads: PLATFORM, OPS, AUDITOR;
 * <li>{@code POST /api/v1/sources/dry-run} (a route file's mapping tried on sample records) and
 *     {@code POST /api/v1/sources/{id}/dry-run} (the next records of a running source, read-only): OPS;
 * <li>{@code PUT} and {@code DELETE /api/v1/sources/{id}} (a source's route file added, changed or removed): OPS;
 * <li>{@code PUT} and {@code DELETE /api/v1/sources/{id}/checkpoint} (a paused source's checkpoint set or reset): OPS;
 * <li>{@code GET /api/v1/deliveries}: PLATFORM, OPS, AUDITOR; redelivery of a subscriber's dead letters: OPS;
 * <li>pause, resume, replay (of rejects and of parked settlement events): OPS; backfill: PLATFORM or OPS;
 * <li>any other {@code /api/**} and anything else: any valid key; actuator beyond health: OPS.
 * </ul>
 * Missing or wrong key: 401; a key without the role: 403; both with a problem document.
 */
@Configuration(proxyBeanMethods = false)
public class ApiSecurity {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurity.class);
    static final String BEARER = "Bearer ";

    private static final String PLATFORM = Role.PLATFORM.name();
    private static final String OPS = Role.OPS.name();
    private static final String AUDITOR = Role.AUDITOR.name();

    /** The configured keys ({@code SKILLSHUB_API_KEYS} or the key file {@code SKILLSHUB_API_KEYS_FILE}). */
    @Bean
    ApiKeyStore apiKeys(@Value("${skillshub.security.api-keys:}") String config,
                        @Value("${skillshub.security.api-keys-file:}") String keyFile) {
        ApiKeyStore keys = ApiKeyStore.of(config, keyFile);
        if (keys.clientNames().isEmpty()) {
            log.warn("No API keys configured (SKILLSHUB_API_KEYS or SKILLSHUB_API_KEYS_FILE): every protected"
                    + " endpoint answers 401");
        } else {
            log.info("API clients: {}", keys.clientNames());
        }
        return keys;
    }

    /** API keys are the only way in; as a bean it also keeps Spring Boot from making a default user. */
    @Bean
    AuthenticationManager apiKeyAuthenticationManager(ApiKeyStore keys) {
        return apiKeyManager(keys);
    }

    /**
     * A path the firewall refuses (an encoded slash, a {@code ..} segment, a {@code ;}) is a 400 problem document,
     * not a servlet exception that reaches the container.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> Problems.write(request, response, HttpStatus.BAD_REQUEST,
                Problems.REJECTED_PATH, null);
    }

    @Bean
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, AuthenticationManager apiKeyAuthenticationManager)
            throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"skills-hub\"");
            Problems.write(request, response, HttpStatus.UNAUTHORIZED,
                    "a valid API key is required: send it as 'Authorization: Bearer <key>'");
        };
        AccessDeniedHandler forbidden = (request, response, e) -> Problems.write(request, response,
                HttpStatus.FORBIDDEN, e.getMessage() != null && e.getMessage().startsWith("this API key is limited")
                        ? e.getMessage() + ": it reads its city's settlement summary, decisions, claims and rejections only"
                        : "this API key's roles do not allow " + request.getMethod() + " " + request.getRequestURI());

        AuthenticationFilter apiKeyFilter = new AuthenticationFilter(apiKeyAuthenticationManager, bearerKey());
        apiKeyFilter.setSuccessHandler((request, response, authentication) -> {
            // Stay on the requested resource: no redirect, no session. Who it is, for the audit trail.
            request.setAttribute(ApiClient.ATTRIBUTE, authentication.getDetails());
        });
        apiKeyFilter.setFailureHandler(new AuthenticationEntryPointFailureHandler(unauthorized));

        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterAt(apiKeyFilter, BasicAuthenticationFilter.class)
                .addFilterAfter(cityLimit(forbidden), AuthorizationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .headers(h -> h.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        ApiSecurity::isConsole, new StaticHeadersWriter("Content-Security-Policy",
                        "default-src 'self'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'"))))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/reference/**").permitAll()
                        .requestMatchers(HttpMethod.PUT, "/api/v1/reference/**").hasRole(PLATFORM)
                        .requestMatchers(HttpMethod.GET, "/api/v1/sources", "/api/v1/sources/**")
                                .hasAnyRole(PLATFORM, OPS, AUDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/sources/*/pause", "/api/v1/sources/*/resume")
                                .hasRole(OPS)
                        .requestMatchers(HttpMethod.POST, "/api/v1/sources/*/backfill").hasAnyRole(PLATFORM, OPS)
                        .requestMatchers(HttpMethod.POST, "/api/v1/sources/dry-run", "/api/v1/sources/*/dry-run")
                                .hasRole(OPS)
                        .requestMatchers(HttpMethod.PUT, "/api/v1/sources/*").hasRole(OPS)
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/sources/*").hasRole(OPS)
                        .requestMatchers(HttpMethod.PUT, "/api/v1/sources/*/checkpoint").hasRole(OPS)
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/sources/*/checkpoint").hasRole(OPS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/rejections", "/api/v1/rejections/**")
                                .hasAnyRole(PLATFORM, OPS, AUDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/rejections/*/replay").hasRole(OPS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/settlement/**").hasAnyRole(PLATFORM, OPS, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/audit").hasRole(AUDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/settlement/parked/*/*/*/replay").hasRole(OPS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/supervision/**").hasAnyRole(PLATFORM, OPS, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/deliveries").hasAnyRole(PLATFORM, OPS, AUDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/deliveries/*/redeliver").hasRole(OPS)
                        .requestMatchers("/api/**").authenticated()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole(OPS)
                        .requestMatchers(HttpMethod.GET, "/", "/ops", "/ops/**", "/favicon.ico", "/v3/api-docs",
                                "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/schemas/**", "/asyncapi.yaml",
                                "/asyncapi.json", "/asyncapi", "/asyncapi/**").permitAll()
                        .anyRequest().authenticated())
                .anonymous(Customizer.withDefaults())
                .build();
    }

    /** What a key limited to a city may call besides the public endpoints: its city's reads. */
    private static final List<String> CITY_READS = List.of("/api/v1/settlement/summary", "/api/v1/settlement/decisions",
            "/api/v1/settlement/claims", "/api/v1/settlement/claims/summary",
            "/api/v1/rejections", "/api/v1/me");

    /**
     * A key limited to a city reads its city's settlement summary, decisions, claims and rejections (the endpoints check the
     * city) and nothing province-wide: any other protected call is 403, whatever its roles.
     */
    private static jakarta.servlet.Filter cityLimit(AccessDeniedHandler forbidden) {
        return new org.springframework.web.filter.OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                                            jakarta.servlet.FilterChain chain)
                    throws jakarta.servlet.ServletException, java.io.IOException {
                var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                        .getAuthentication();
                String city = ApiClient.of(authentication).map(ApiClient::cityCode).orElse(null);
                String path = request.getRequestURI();
                boolean cityRead = HttpMethod.GET.matches(request.getMethod()) && CITY_READS.stream()
                        .anyMatch(p -> path.equals(p) || path.startsWith("/api/v1/rejections/"));
                boolean publicPath = path.startsWith("/actuator/health") || path.equals("/error")
                        || (HttpMethod.GET.matches(request.getMethod()) && path.startsWith("/api/v1/reference/"));
                if (city != null && !cityRead && !publicPath) {
                    forbidden.handle(request, response, new org.springframework.security.access.AccessDeniedException(
                            "this API key is limited to city " + city));
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    private static boolean isConsole(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/ops") || path.startsWith("/ops/") || path.equals("/asyncapi")
                || path.startsWith("/asyncapi/");
    }

    /** {@code Authorization: Bearer <key>}, or nothing: then the request goes on anonymous (and public or 401). */
    private static AuthenticationConverter bearerKey() {
        return request -> {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header == null) {
                return null;
            }
            String key = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? header.substring(BEARER.length()).strip() : "";
            return UsernamePasswordAuthenticationToken.unauthenticated("api-key", key);
        };
    }

    private static AuthenticationManager apiKeyManager(ApiKeyStore keys) {
        return authentication -> keys.authenticate(String.valueOf(authentication.getCredentials()))
                .map(client -> {
                    UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(
                            client.name(), null,
                            client.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
                    token.setDetails(client); // its city, for the endpoints a city key is limited on
                    return token;
                })
                .orElseThrow(() -> new BadCredentialsException("unknown API key"));
    }
}
