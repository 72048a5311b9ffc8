/**
 * The benchmarks of the hub ({@code bash kafka/benchmark.sh}): the JDBC backfill, trickle latency and memory of
 * the hub against Kafka's own ProducerPerformance on one standalone broker, and a JMH benchmark of the per-record
 * path. Not tests: no class here is named *Test or *Tests, so Surefire never runs them and the build never depends
 * on the machine's speed.
 */
package cn.henan.skillshub.benchmark;
