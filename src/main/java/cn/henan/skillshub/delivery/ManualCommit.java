package cn.henan.skillshub.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.springframework.stereotype.Component;

/**
 * The last step of every delivery route: commits the event's offset (synchronously, camel-kafka's
 * {@code DefaultKafkaManualCommitFactory}), once the steps before it delivered or dead-lettered it. An event whose
 * delivery throws never gets here, and camel-kafka ({@code breakOnFirstError}) reads it again.
 */
@Component(ManualCommit.BEAN)
class ManualCommit {

    static final String BEAN = "deliveryCommit";

    public void commit(Exchange exchange) {
        KafkaManualCommit manual = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT,
                KafkaManualCommit.class);
        if (manual == null) {
            throw new IllegalStateException("route " + exchange.getFromRouteId() + " reads no Kafka record with"
                    + " manual commit (allowManualCommit)");
        }
        manual.commit();
    }
}
