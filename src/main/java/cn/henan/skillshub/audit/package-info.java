/**
 * The audit trail: every state-changing call of the API (pause, resume, backfill, replay, a reference version) and
 * every refused use of a key, recorded durably in the hub's database — who (the key's name and roles), when, what,
 * with which parameters, and the outcome — by {@link cn.henan.skillshub.audit.AuditFilter}. AUDITOR reads it at
 * {@code GET /api/v1/audit}; nothing changes or deletes a record.
 */
package cn.henan.skillshub.audit;
