package cn.henan.skillshub.simulator.evaluation;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The REST evaluation bodies and their API, unless {@code skillshub.simulator.evaluation.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "skillshub.simulator.evaluation.enabled", matchIfMissing = true)
@Import({EvaluationBodySimulators.class, EvaluationBodySimulatorController.class})
public class EvaluationBodySimulatorConfiguration {
}
