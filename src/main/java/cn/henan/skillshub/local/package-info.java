/**
 * The local default's Kafka broker: with no {@code KAFKA_BOOTSTRAP_SERVERS} configured, {@code mvn spring-boot:run}
 * starts a single-node KRaft broker on 127.0.0.1:9092 with its data under {@code ./data/kafka}, so a newcomer gets a
 * working hub with nothing installed but Java and Maven.
 *
 * <p>The broker runs as a child process from {@code kafka/broker.sh} on Kafka's own jars (resolved by Maven from
 * {@code kafka/broker/pom.xml}), not inside the hub's JVM: the broker's classes and its heap stay out of the
 * production classpath, and the same script serves the benchmarks. With {@code KAFKA_BOOTSTRAP_SERVERS} set, or
 * {@code skillshub.local-broker.enabled=false}, nothing here is created.
 */
package cn.henan.skillshub.local;
