package cn.henan.skillshub.ops;

import cn.henan.skillshub.kafka.KafkaConnection;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** Health {@code kafka}: the broker answers a cluster description within 5 s. Part of readiness. */
@Component("kafka")
class KafkaHealth extends AbstractHealthIndicator {

    private final KafkaConnection kafka;
    private volatile Admin admin;

    KafkaHealth(KafkaConnection kafka) {
        super("Kafka not reachable");
        this.kafka = kafka;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        try {
            var cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs(5000));
            int nodes = cluster.nodes().get(5, TimeUnit.SECONDS).size();
            health.up().withDetail("clusterId", cluster.clusterId().get(5, TimeUnit.SECONDS)).withDetail("nodes", nodes);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // What an operator can act on, never a stack trace or a class name.
            String reason = kafka.explain(e, null).map(Throwable::getMessage)
                    .orElse("no answer from " + kafka.bootstrapServers() + " within 5 s");
            health.down().withDetail("reason", reason);
        }
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(kafka.adminConfig());
                }
            }
        }
        return admin;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
