package cn.henan.skillshub.simulator.subscriber;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The provincial platform's push endpoint, unless {@code skillshub.simulator.subscriber.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "skillshub.simulator.subscriber.enabled", matchIfMissing = true)
@Import(PushReceiver.class)
public class SubscriberSimulatorConfiguration {
}
