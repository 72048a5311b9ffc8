/**
 * Delivery to subscribers that cannot run a Kafka consumer (docs/delivery.md): route templates that read a topic
 * with camel-kafka ({@code read_committed}, offsets committed by hand only once an event is delivered or
 * dead-lettered) and push each event to an HTTP endpoint ({@link cn.henan.skillshub.delivery.HttpPushTemplate}) or
 * write each city's decisions of a day as one file on an SFTP server. One YAML file per subscriber in
 * {@code routes/} instantiates a template; {@link cn.henan.skillshub.delivery.Subscribers} checks it at start.
 * What could not be delivered goes to {@code skills.hub.delivery-dead-letters.v1}, from which OPS redelivers.
 */
package cn.henan.skillshub.delivery;
