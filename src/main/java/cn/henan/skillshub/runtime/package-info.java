/**
 * The source runtime: what Kafka Connect's worker is to its connectors, made for Camel. A way of pulling
 * ({@code sources/jdbc}, {@code sources/rest}, {@code sources/sftp}) implements {@link
 * cn.henan.skillshub.runtime.WayOfPulling} and only turns what it reads into records with their positions; this
 * package owns everything else, once:
 * <ul>
 *   <li>{@link cn.henan.skillshub.runtime.SourceTransactions}: a batch's events, rejects and checkpoint in one
 *       Kafka transaction under one transactional id per source (KIP-618), fencing, and two batches per source in
 *       flight;</li>
 *   <li>{@link cn.henan.skillshub.runtime.CheckpointStore}: the committed checkpoints of
 *       {@code skills.hub.checkpoints};</li>
 *   <li>{@link cn.henan.skillshub.runtime.RecordPipeline}: map, validate, reject with a reason;</li>
 *   <li>{@link cn.henan.skillshub.runtime.SourceRegistry}: every source, registered by the template that made it,
 *       added and removed while the hub runs;</li>
 *   <li>{@link cn.henan.skillshub.runtime.SourceTracker}: what is known of each source's polls, failures and
 *       commits, and its metrics; {@link cn.henan.skillshub.runtime.Sources}: its state, lag, pause and resume;</li>
 *   <li>{@link cn.henan.skillshub.runtime.Backfills}: time windows pulled again, one at a time per source;</li>
 *   <li>{@link cn.henan.skillshub.runtime.SourceLeadership}: with several instances, one leader per source by
 *       Camel's cluster service ({@link cn.henan.skillshub.runtime.ClusterConfiguration}), and
 *       {@link cn.henan.skillshub.runtime.SourceHandover}: what a source's producer and checkpoint become when it is
 *       fenced or its leadership moves;</li>
 *   <li>{@link cn.henan.skillshub.runtime.OutboxRelay}: a database outbox (the settlement's decisions, supervision's
 *       findings) published as a source, batch and position in one transaction.</li>
 * </ul>
 */
package cn.henan.skillshub.runtime;
