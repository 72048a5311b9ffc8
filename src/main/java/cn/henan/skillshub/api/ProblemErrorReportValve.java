package cn.henan.skillshub.api;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's own error page, for what Tomcat refuses before any servlet sees it (a request line or a header it
 * cannot parse, headers over {@code server.max-http-request-header-size}): the hub's problem document instead of
 * Tomcat's HTML, with no exception text and no server version. Installed by {@link TomcatProblems}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code) == null ? HttpStatus.BAD_REQUEST : HttpStatus.valueOf(code);
        String detail = status == HttpStatus.BAD_REQUEST && throwable != null
                && String.valueOf(throwable.getMessage()).contains("header")
                ? "the request's headers are too large or malformed" : Problems.detailOf(status);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(Problems.bytes(status, detail));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client has gone; nothing to tell it
        }
    }
}
