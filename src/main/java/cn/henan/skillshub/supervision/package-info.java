/**
 * Supervision (plan 七(二) 严格监督管理: 全过程监督; 弄虚作假、虚报冒领、违规骗取证书或补贴): the consumer that joins the
 * facts of each person key across the three sources — the real-name training system, the evaluation bodies and the
 * CE hour registry — and publishes a finding on {@code skills.supervision.findings.v1} whenever a rule of
 * {@code cn.henan.skillshub.rules} looks broken, and a retraction when later facts clear it.
 *
 * <p>Exactly once: each input event is one PostgreSQL transaction (schema {@code supervision}, Flyway V17_1) that
 * records its ce_id, keeps the fact, re-judges the persons it concerns and appends the changes of their findings to
 * an outbox; {@link cn.henan.skillshub.supervision.FindingRelay} publishes the outbox in Kafka transactions with its
 * position, as the settlement's decision relay does. A finding's id is derived from its rule and the stable keys
 * of the facts it rests on, so a re-run or a backfill never duplicates it. Checks that wait for time (the 30-day
 * trainee list, the grace period of a certificate without training) fall due by the day, swept by
 * {@link cn.henan.skillshub.supervision.DeadlineSweep}.
 */
package cn.henan.skillshub.supervision;
