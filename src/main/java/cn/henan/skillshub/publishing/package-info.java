/**
 * Publishing to Kafka, exactly once per source: the events of a batch, its rejects and the source's new
 * checkpoint go in one Kafka transaction under one transactional id per source (as Kafka Connect does for
 * exactly-once sources, KIP-618). Also the topics of {@code kafka/topics.yaml}, created at start.
 */
package cn.henan.skillshub.publishing;
