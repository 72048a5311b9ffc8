package cn.henan.skillshub.simulator.cehours;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The CE hour registry and its signed API, unless {@code skillshub.simulator.cehours.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "skillshub.simulator.cehours.enabled", matchIfMissing = true)
@Import({CeRegistrySimulators.class, CeRegistrySimulatorController.class})
public class CeRegistrySimulatorConfiguration {
}
