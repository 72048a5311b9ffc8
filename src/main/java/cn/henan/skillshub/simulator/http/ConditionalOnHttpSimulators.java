package cn.henan.skillshub.simulator.http;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/**
 * The HTTP simulators (evaluation body, CE registry) are served by the hub's own web server in the local default
 * (no Kafka address configured), or wherever {@code skillshub.simulator.http.enabled=true} (tests, the simulator
 * container); {@code false} turns them off.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ConditionalOnExpression("'${skillshub.simulator.http.enabled:auto}' == 'true' or "
        + "('${skillshub.simulator.http.enabled:auto}' == 'auto' and '${KAFKA_BOOTSTRAP_SERVERS:}'.isEmpty())")
public @interface ConditionalOnHttpSimulators {
}
