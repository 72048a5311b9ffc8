package cn.henan.skillshub.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Whatever the servlet container sends to its error page — a request Spring Security's firewall refused (an encoded
 * slash, a {@code ..} segment), a path no controller serves, a failure outside any controller — is answered with
 * the hub's problem document, not Spring Boot's default JSON or a Tomcat page. Replaces Boot's
 * {@code BasicErrorController}. Names what was wrong with the request, never a Java class or a stack trace.
 */
@Controller
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (failure instanceof RequestRejectedException) {
            status = HttpStatus.BAD_REQUEST;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Problems.write(request, response, status, detail(status, failure), uri == null ? null : uri.toString());
    }

    static String detail(HttpStatus status, Object failure) {
        if (failure instanceof RequestRejectedException) {
            return Problems.REJECTED_PATH;
        }
        return Problems.detailOf(status);
    }
}
