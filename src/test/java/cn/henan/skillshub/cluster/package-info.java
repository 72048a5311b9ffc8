/**
 * The hub as a cluster of real processes: hub instances as child JVMs ({@link cn.henan.skillshub.cluster.ClusterHub})
 * sharing a cluster directory, a broker, the real PostgreSQL, rows written into an exchange schema while leaders
 * are killed with {@code kill -9}, and a {@code read_committed} count of what subscribers saw. The short run is
 * {@link cn.henan.skillshub.cluster.ClusterFailoverIntegrationTests} (part of {@code mvn verify}); the long one is
 * {@code kafka/chaos.sh} ({@link cn.henan.skillshub.cluster.ChaosRun}).
 */
package cn.henan.skillshub.cluster;
