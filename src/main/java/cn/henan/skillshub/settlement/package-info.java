/**
 * The subsidy settlement service: the first downstream consumer of the hub's events, and the place where the
 * plan's money rules (六(六), Annex 3) live.
 *
 * <p>It reads {@code skills.training.v1} and {@code skills.assessment.v1} ({@code read_committed}), joins each
 * training completion with the person's level certificate of the same occupation and level, decides the claim
 * ({@link cn.henan.skillshub.settlement.SubsidyRules}), keeps the ledger in PostgreSQL (schema {@code settlement},
 * Flyway) and publishes every decision to {@code skills.subsidy.decisions.v1} through the ledger's decision table,
 * used as a transactional outbox. {@code GET /api/v1/settlement/summary} answers the finance bureaus.
 */
package cn.henan.skillshub.settlement;
