package cn.henan.skillshub.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes an RFC 9457 problem document where no controller is involved (security filters, the body limit, the
 * container's error page, Tomcat's own refusals), in the same form as {@link ApiExceptionHandler} gives
 * controllers' errors.
 */
final class Problems {

    static final String REJECTED_PATH = "the request path is refused: it holds an encoded slash or backslash, a '.'"
            + " or '..' segment, a ';' or another character the hub does not accept";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        write(request, response, status, detail, request.getRequestURI());
    }

    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail,
                      String instance) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body(status, detail, instance));
    }

    static Map<String, Object> body(HttpStatus status, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        return body;
    }

    static byte[] bytes(HttpStatus status, String detail) {
        try {
            return JSON.writeValueAsBytes(body(status, detail, null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a status says when nothing more specific is known. */
    static String detailOf(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "the request is malformed";
            case UNAUTHORIZED -> "an API key is required: Authorization: Bearer <key>";
            case FORBIDDEN -> "the API key may not do this";
            case NOT_FOUND -> "no resource at this path";
            case METHOD_NOT_ALLOWED -> "this method is not allowed on this path";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "the request's headers are too large";
            case PAYLOAD_TOO_LARGE -> "the request body is too large";
            case URI_TOO_LONG -> "the request path is too long";
            case UNSUPPORTED_MEDIA_TYPE -> "the request body's Content-Type is not accepted here";
            case INTERNAL_SERVER_ERROR -> "internal error; the operators find it in the log";
            default -> status.getReasonPhrase();
        };
    }
}
