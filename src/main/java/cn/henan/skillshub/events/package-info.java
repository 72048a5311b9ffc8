/**
 * The canonical events: one Java record, one JSON Schema in {@code kafka/schemas/} and one {@code ce_type} per
 * fact, and the CloudEvents envelope (Kafka protocol binding, binary mode) that carries them.
 */
package cn.henan.skillshub.events;
