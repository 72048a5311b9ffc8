/**
 * The hub's Kafka clients and topics: where the broker is and how every client of the hub is configured
 * ({@link cn.henan.skillshub.kafka.KafkaConnection}, the one place for client settings), the topics of
 * {@code kafka/topics.yaml} created at start, and the one reader of a topic to its end
 * ({@link cn.henan.skillshub.kafka.TopicLog}).
 */
package cn.henan.skillshub.kafka;
