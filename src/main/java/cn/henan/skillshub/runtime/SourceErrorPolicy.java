package cn.henan.skillshub.runtime;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The one error policy of every source route, Java or YAML. A failed poll is logged with its source and left:
 * nothing was committed, so the next tick pulls again from the checkpoint. A fenced source is handed to
 * {@link SourceHandover}: alone, it stops (another instance owns it); in a cluster it takes its producer back if it
 * still leads. A batch whose leadership went before its commit is not committed: the new leader pulls it.
 */
@Component
public class SourceErrorPolicy extends RouteConfigurationBuilder {

    public static final String ID = "source-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(SourceFencedException.class)
                    .handled(true)
                    .bean(SourceHandover.BEAN, "fenced")
                .end()
                .onException(LeadershipLostException.class)
                    .handled(true)
                    .log(LoggingLevel.INFO, "source ${routeId}: batch not committed (${exception.message})")
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .bean(PollFailureLog.BEAN, "failed")
                .end();
    }

}
