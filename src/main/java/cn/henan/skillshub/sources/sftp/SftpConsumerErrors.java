package cn.henan.skillshub.sources.sftp;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The exception handler of every {@code sftp-file-drop} consumer ({@code exceptionHandler=#sftpConsumerErrors}).
 * A failed listing of the inbox — a server down, a login refused — fails every poll until it is fixed
 * ({@code throwExceptionOnConnectFailed}, so that {@link SftpPollWatch} sees it and the source shows as failing).
 * Camel's default handler would log each of them with its stack trace, every poll interval, for as long as the
 * outage lasts; here the same failure of the same endpoint is logged once a minute, without the trace, and in
 * between at DEBUG. A failure with an exchange (a file's commit or rollback) is logged as Camel logs it.
 */
@Component(SftpConsumerErrors.BEAN)
class SftpConsumerErrors implements ExceptionHandler {

    static final String BEAN = "sftpConsumerErrors";
    private static final Logger log = LoggerFactory.getLogger(SftpConsumerErrors.class);
    private static final Duration REPEAT_AFTER = Duration.ofMinutes(1);

    private final Map<String, Instant> lastLogged = new ConcurrentHashMap<>();

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        String text = message == null ? "SFTP consumer failed" : message;
        if (exchange != null) {
            log.warn(text, exception);
            return;
        }
        String cause = exception == null ? "" : " (" + exception.getClass().getSimpleName() + ": "
                + exception.getMessage() + ")";
        Instant now = Instant.now();
        Instant last = lastLogged.get(text + cause);
        if (last == null || last.plus(REPEAT_AFTER).isBefore(now)) {
            lastLogged.put(text + cause, now);
            log.warn("{}{}; the same failure is logged again at most once a minute", text, cause);
        } else {
            log.debug("{}{}", text, cause);
        }
    }
}
