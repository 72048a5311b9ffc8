package cn.henan.skillshub.runtime;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The one error policy of every source route, Java or YAML. A failed poll is logged with its source and left:
 * nothing was committed, so the next tick pulls again from the checkpoint. A fenced source stops: another
 * instance owns it.
 */
@Component
public class SourceErrorPolicy extends RouteConfigurationBuilder {

    public static final String ID = "source-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(SourceFencedException.class)
                    .handled(true)
                    .log(LoggingLevel.ERROR, "source ${routeId} stops: ${exception.message}")
                    .process(RouteStopper::stopRouteOf)
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .log(LoggingLevel.WARN,
                            "source ${routeId}: poll failed (${exception.class.simpleName}: ${exception.message});"
                                    + " nothing committed, the next poll resumes from the checkpoint")
                .end();
    }

}
