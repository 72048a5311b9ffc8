package cn.henan.skillshub.audit;

import cn.henan.skillshub.api.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * Records, after the answer is known, every state-changing call of the API (any method but GET, HEAD and OPTIONS
 * under {@code /api/}) and every refused use of a key (a key presented and not known: 401; a key without the role:
 * 403), whatever the path. Runs around Spring Security's filters, so it sees their refusals too. The record holds
 * the key's name and roles (never the key), the path, the query's parameters and a small JSON body (at most
 * {@value #BODY_LIMIT} bytes; a larger one is recorded by its size), the status and the outcome. ID numbers are
 * masked. A record that cannot be written is logged; the call's answer stands.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AuditFilter extends OncePerRequestFilter {

    static final int BODY_LIMIT = 2048;
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dXx]");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);

    private final AuditTrail trail;

    AuditFilter(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean changes = !READS.contains(request.getMethod()) && request.getRequestURI().startsWith("/api/");
        HttpServletRequest seen = changes ? new ContentCachingRequestWrapper(request, BODY_LIMIT) : request;
        try {
            chain.doFilter(seen, response);
        } finally {
            int status = response.getStatus();
            boolean keyRefused = status == 403
                    || (status == 401 && request.getHeader(HttpHeaders.AUTHORIZATION) != null);
            if (changes || keyRefused) {
                record(seen, status);
            }
        }
    }

    private void record(HttpServletRequest request, int status) {
        Object client = request.getAttribute(ApiClient.ATTRIBUTE);
        String caller;
        String roles = "";
        if (client instanceof ApiClient known) {
            caller = known.name();
            roles = known.roles().stream().map(Enum::name).sorted().collect(Collectors.joining("+"));
        } else {
            caller = request.getHeader(HttpHeaders.AUTHORIZATION) != null ? "unknown key" : "anonymous";
        }
        String path = mask(request.getRequestURI());
        String target = path.startsWith("/api/v1/") ? path.substring("/api/v1/".length()) : path;
        String outcome = status == 401 || status == 403 ? "refused" : status < 400 ? "done" : "failed";
        try {
            trail.append(caller, roles, request.getMethod(), path, target, parameters(request), status, outcome);
        } catch (RuntimeException e) {
            log.error("audit record of {} {} by {} ({}) not written: {}", request.getMethod(), path, caller, status,
                    e.getClass().getSimpleName());
        }
    }

    private static Map<String, Object> parameters(HttpServletRequest request) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        Map<String, Object> query = new TreeMap<>();
        request.getParameterMap().forEach((name, values) ->
                query.put(mask(name), values.length == 1 ? mask(values[0]) : java.util.Arrays.stream(values)
                        .map(AuditFilter::mask).toList()));
        if (!query.isEmpty()) {
            parameters.put("query", query);
        }
        if (request instanceof ContentCachingRequestWrapper cached) {
            long length = request.getContentLengthLong();
            byte[] body = cached.getContentAsByteArray();
            if (length > BODY_LIMIT || body.length >= BODY_LIMIT) {
                parameters.put("bodyBytes", length);
            } else if (body.length > 0) {
                try {
                    JsonNode json = JSON.readTree(mask(new String(body, java.nio.charset.StandardCharsets.UTF_8)));
                    parameters.put("body", json);
                } catch (IOException e) {
                    parameters.put("bodyBytes", body.length);
                }
            }
        }
        return parameters;
    }

    private static String mask(String text) {
        return text == null ? null : ID_NUMBER.matcher(text).replaceAll("******************");
    }
}
