package cn.henan.skillshub.sources.sftp;

import cn.henan.skillshub.runtime.SourceFencedException;
import cn.henan.skillshub.runtime.LeadershipLostException;
import cn.henan.skillshub.runtime.SourceHandover;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The error policy of the SFTP file drop. Unlike a poll of a table, a failure here must leave the exchange failed:
 * the file consumer then rolls back — the file and its marker stay in the inbox, not moved to {@code processed/} —
 * and the next poll takes the file again, resuming after its last committed line. A fenced source goes to
 * {@link SourceHandover}.
 */
@Component
class SftpFileDropErrors extends RouteConfigurationBuilder {

    static final String ID = "sftp-file-drop-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(SourceFencedException.class)
                    .logExhausted(false)
                    .bean(SourceHandover.BEAN, "fenced")
                .end()
                .onException(LeadershipLostException.class)
                    .logExhausted(false)
                    .log(LoggingLevel.INFO, "source ${routeId}: file ${header.CamelFileName} left in the inbox"
                            + " (${exception.message})")
                .end()
                .onException(Exception.class)
                    .logExhausted(false)
                    .log(LoggingLevel.WARN, "source ${routeId}: file ${header.CamelFileName} not finished"
                            + " (${exception.class.simpleName}: ${exception.message}); it stays in the inbox and the"
                            + " next poll resumes it after its last committed line")
                .end();
    }
}
