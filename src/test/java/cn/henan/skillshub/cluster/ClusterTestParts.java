package cn.henan.skillshub.cluster;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** What the cluster runs share: their broker in the test JVM and their settings from the environment. */
final class ClusterTestParts {

    private ClusterTestParts() {
    }

    /**
     * One KRaft broker of spring-kafka-test, three partitions a topic, for hub instances in other processes. Its
     * transaction log on one replica: the default (three) would leave every transactional producer waiting.
     */
    static EmbeddedKafkaKraftBroker startBroker() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperty("transaction.state.log.replication.factor", "1");
        broker.brokerProperty("transaction.state.log.min.isr", "1");
        broker.afterPropertiesSet();
        return broker;
    }

    /** An environment variable, or the fallback when it is unset or blank. */
    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
