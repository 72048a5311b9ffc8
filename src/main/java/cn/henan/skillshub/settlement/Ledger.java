package cn.henan.skillshub.settlement;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.PaymentMode;
import cn.henan.skillshub.events.SubsidyDecided;
import cn.henan.skillshub.events.SubsidyDecided.Decision;
import cn.henan.skillshub.events.SubsidyDecided.PayeeType;
import cn.henan.skillshub.events.SubsidyDecided.Reason;
import cn.henan.skillshub.reference.Level;
import cn.henan.skillshub.settlement.ClaimDecider.Decided;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ledger in PostgreSQL (schema {@code settlement}, see {@code db/migration}). Plain SQL: the uniqueness rules
 * are constraints of the tables, and every method runs inside the caller's transaction.
 */
@Repository
class Ledger {

    /** Key of the advisory lock that orders decision inserts, so their ids become visible in id order. */
    private static final int OUTBOX_LOCK_CLASS = 4;
    private static final int OUTBOX_LOCK_ID = 1;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batch;

    Ledger(JdbcClient jdbc, NamedParameterJdbcOperations batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    record Completion(String enrolmentNo, String ceId, String personKey, String occupationCode, Level level,
                      BigDecimal totalHours, LocalDate startsOn, LocalDate completedOn,
                      String trainingCertificateNo, String institutionName, String institutionCityCode,
                      PaymentMode paymentMode, Set<ComplianceFlag> complianceFlags) {

        /** The same completion with this flag taken off (a later reference version cleared it). */
        Completion without(ComplianceFlag cleared) {
            Set<ComplianceFlag> flags = EnumSet.noneOf(ComplianceFlag.class);
            flags.addAll(complianceFlags);
            flags.remove(cleared);
            return new Completion(enrolmentNo, ceId, personKey, occupationCode, level, totalHours, startsOn,
                    completedOn, trainingCertificateNo, institutionName, institutionCityCode, paymentMode, flags);
        }
    }

    record LevelCertificate(String evaluationBody, String certificateNo, String personKey, String occupationCode,
                            Level level, LocalDate issuedOn, String issuedCeId, Set<ComplianceFlag> complianceFlags,
                            LocalDate revokedOn, String revokedCeId) {

        boolean issued() {
            return issuedOn != null;
        }

        boolean revoked() {
            return revokedOn != null;
        }

        boolean valid() {
            return issued() && !revoked();
        }
    }

    enum ClaimStatus {
        PENDING, HELD, APPROVED, REJECTED, RECOVERY_REQUIRED;

        boolean open() {
            return this == PENDING || this == HELD;
        }

        boolean paid() {
            return this == APPROVED || this == RECOVERY_REQUIRED;
        }
    }

    record Claim(long claimId, String enrolmentNo, String personKey, String occupationCode, Level level,
                 ClaimStatus status, String levelEvaluationBody, String levelCertificateNo, String standardVersion,
                 Integer amountYuan, PayeeType payeeType, String payee, String cityCode) {
    }

    /** A decision as the ledger keeps it and the relay publishes it. */
    record DecisionRow(long decisionId, int round, SubsidyDecided event) {
    }

    // --- locks and idempotency ---

    /** Serialises everything done for one person: the listener threads and the held-claims re-decider. */
    void lockPerson(String personKey) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 4))").param("key", personKey)
                .query((rs, n) -> 1).list();
    }

    /**
     * Records input events by their ce_ids, in one statement; returns the ce_ids recorded now (those not processed
     * before: a redelivery or a replay is missing from it). The insert is part of the caller's transaction, so an
     * event counts as processed exactly when its effect commits.
     */
    Set<String> markProcessed(List<InboundEvent> events) {
        return new HashSet<>(jdbc.sql("""
                        INSERT INTO settlement.processed_event (ce_id, ce_type, topic, partition, kafka_offset)
                        SELECT * FROM unnest(CAST(:ceIds AS text[]), CAST(:ceTypes AS text[]), CAST(:topics AS text[]),
                                             CAST(:partitions AS integer[]), CAST(:offsets AS bigint[]))
                        ON CONFLICT (ce_id) DO NOTHING RETURNING ce_id""")
                .param("ceIds", events.stream().map(InboundEvent::ceId).toArray(String[]::new))
                .param("ceTypes", events.stream().map(InboundEvent::ceType).toArray(String[]::new))
                .param("topics", events.stream().map(InboundEvent::topic).toArray(String[]::new))
                .param("partitions", events.stream().map(InboundEvent::partition).toArray(Integer[]::new))
                .param("offsets", events.stream().map(InboundEvent::offset).toArray(Long[]::new))
                .query(String.class).list());
    }

    void park(String topic, int partition, long offset, String ceId, String ceType, String reason) {
        jdbc.sql("""
                        INSERT INTO settlement.parked_event (topic, partition, kafka_offset, ce_id, ce_type, reason)
                        VALUES (:topic, :partition, :offset, :ceId, :ceType, :reason)
                        ON CONFLICT (topic, partition, kafka_offset) DO NOTHING""")
                .param("topic", topic).param("partition", partition).param("offset", offset)
                .param("ceId", ceId).param("ceType", ceType).param("reason", reason)
                .update();
    }

    // --- training completions ---

    Optional<Completion> completion(String enrolmentNo) {
        return jdbc.sql("SELECT * FROM settlement.training_completion WHERE enrolment_no = :no").param("no", enrolmentNo)
                .query(Ledger::completion).optional();
    }

    void saveCompletion(Completion c) {
        jdbc.sql("""
                        INSERT INTO settlement.training_completion (enrolment_no, ce_id, person_key, occupation_code, level,
                            total_hours, starts_on, completed_on, training_certificate_no, institution_name,
                            institution_city_code, payment_mode, compliance_flags)
                        VALUES (:no, :ceId, :person, :occupation, :level, :hours, :startsOn, :completedOn, :certNo,
                            :institution, :city, :mode, :flags)
                        ON CONFLICT (enrolment_no) DO UPDATE SET ce_id = EXCLUDED.ce_id,
                            person_key = EXCLUDED.person_key, occupation_code = EXCLUDED.occupation_code,
                            level = EXCLUDED.level, total_hours = EXCLUDED.total_hours,
                            starts_on = EXCLUDED.starts_on, completed_on = EXCLUDED.completed_on,
                            training_certificate_no = EXCLUDED.training_certificate_no,
                            institution_name = EXCLUDED.institution_name,
                            institution_city_code = EXCLUDED.institution_city_code,
                            payment_mode = EXCLUDED.payment_mode, compliance_flags = EXCLUDED.compliance_flags""")
                .param("no", c.enrolmentNo()).param("ceId", c.ceId()).param("person", c.personKey())
                .param("occupation", c.occupationCode()).param("level", c.level().name())
                .param("hours", c.totalHours()).param("startsOn", c.startsOn())
                .param("completedOn", c.completedOn())
                .param("certNo", c.trainingCertificateNo()).param("institution", c.institutionName())
                .param("city", c.institutionCityCode()).param("mode", c.paymentMode().name())
                .param("flags", names(c.complianceFlags()))
                .update();
    }

    // --- level certificates ---

    void saveIssue(LevelCertificate c) {
        jdbc.sql("""
                        INSERT INTO settlement.level_certificate (evaluation_body, certificate_no, person_key, occupation_code,
                            level, issued_on, issued_ce_id, compliance_flags)
                        VALUES (:body, :no, :person, :occupation, :level, :issuedOn, :ceId, :flags)
                        ON CONFLICT (evaluation_body, certificate_no) DO UPDATE SET issued_on = EXCLUDED.issued_on,
                            issued_ce_id = EXCLUDED.issued_ce_id, compliance_flags = EXCLUDED.compliance_flags""")
                .param("body", c.evaluationBody()).param("no", c.certificateNo()).param("person", c.personKey())
                .param("occupation", c.occupationCode()).param("level", c.level().name())
                .param("issuedOn", c.issuedOn()).param("ceId", c.issuedCeId())
                .param("flags", names(c.complianceFlags()))
                .update();
    }

    void saveRevocation(LevelCertificate c) {
        jdbc.sql("""
                        INSERT INTO settlement.level_certificate (evaluation_body, certificate_no, person_key, occupation_code,
                            level, revoked_on, revoked_ce_id)
                        VALUES (:body, :no, :person, :occupation, :level, :revokedOn, :ceId)
                        ON CONFLICT (evaluation_body, certificate_no) DO UPDATE SET revoked_on = EXCLUDED.revoked_on,
                            revoked_ce_id = EXCLUDED.revoked_ce_id""")
                .param("body", c.evaluationBody()).param("no", c.certificateNo()).param("person", c.personKey())
                .param("occupation", c.occupationCode()).param("level", c.level().name())
                .param("revokedOn", c.revokedOn()).param("ceId", c.revokedCeId())
                .update();
    }

    Optional<LevelCertificate> certificate(String evaluationBody, String certificateNo) {
        return jdbc.sql("SELECT * FROM settlement.level_certificate WHERE evaluation_body = :body AND certificate_no = :no")
                .param("body", evaluationBody).param("no", certificateNo)
                .query(Ledger::certificate).optional();
    }

    /** The person's level certificates of one occupation and level, earliest issued first. */
    List<LevelCertificate> certificates(String personKey, String occupationCode, Level level) {
        return jdbc.sql("""
                        SELECT * FROM settlement.level_certificate
                        WHERE person_key = :person AND occupation_code = :occupation AND level = :level
                        ORDER BY issued_on NULLS LAST, evaluation_body, certificate_no""")
                .param("person", personKey).param("occupation", occupationCode).param("level", level.name())
                .query(Ledger::certificate).list();
    }

    // --- claims ---

    Optional<Claim> claimOf(String enrolmentNo) {
        return jdbc.sql("SELECT * FROM settlement.claim WHERE enrolment_no = :no").param("no", enrolmentNo)
                .query(Ledger::claim).optional();
    }

    Optional<Claim> claim(long claimId) {
        return jdbc.sql("SELECT * FROM settlement.claim WHERE claim_id = :id").param("id", claimId)
                .query(Ledger::claim).optional();
    }

    Claim openClaim(Completion c) {
        return jdbc.sql("""
                        INSERT INTO settlement.claim (enrolment_no, person_key, occupation_code, level, level_rank, status)
                        VALUES (:no, :person, :occupation, :level, :rank, 'PENDING') RETURNING *""")
                .param("no", c.enrolmentNo()).param("person", c.personKey()).param("occupation", c.occupationCode())
                .param("level", c.level().name()).param("rank", c.level().rank())
                .query(Ledger::claim).single();
    }

    /** A corrected completion of an open claim may move it to another occupation or level. */
    void moveOpenClaim(long claimId, Completion c) {
        jdbc.sql("""
                        UPDATE settlement.claim SET person_key = :person, occupation_code = :occupation, level = :level,
                            level_rank = :rank, updated_at = now()
                        WHERE claim_id = :id AND status IN ('PENDING', 'HELD')""")
                .param("person", c.personKey()).param("occupation", c.occupationCode())
                .param("level", c.level().name()).param("rank", c.level().rank()).param("id", claimId)
                .update();
    }

    /** Open (pending or held) claims of one person, occupation and level, oldest first. */
    List<Claim> openClaims(String personKey, String occupationCode, Level level) {
        return jdbc.sql("""
                        SELECT * FROM settlement.claim
                        WHERE person_key = :person AND occupation_code = :occupation AND level = :level
                          AND status IN ('PENDING', 'HELD')
                        ORDER BY claim_id""")
                .param("person", personKey).param("occupation", occupationCode).param("level", level.name())
                .query(Ledger::claim).list();
    }

    /** Paid claims (approved, or approved and then to be recovered) of one person and occupation, any level. */
    List<Claim> paidClaims(String personKey, String occupationCode) {
        return jdbc.sql("""
                        SELECT * FROM settlement.claim
                        WHERE person_key = :person AND occupation_code = :occupation
                          AND status IN ('APPROVED', 'RECOVERY_REQUIRED')
                        ORDER BY claim_id""")
                .param("person", personKey).param("occupation", occupationCode)
                .query(Ledger::claim).list();
    }

    /**
     * The approved claims paid on this certificate. A claim is approved only on a certificate of its own person,
     * occupation and level (and those never change once it is decided), so the lookup goes through that person's
     * paid claims (index {@code one_payment_per_person_occupation_level}): by the certificate number alone it read
     * every paid claim of the ledger, a cost per revocation that grew with the ledger (issue 19).
     */
    List<Claim> approvedClaimsOnCertificate(LevelCertificate certificate) {
        return jdbc.sql("""
                        SELECT * FROM settlement.claim
                        WHERE person_key = :person AND occupation_code = :occupation AND level = :level
                          AND status IN ('APPROVED', 'RECOVERY_REQUIRED') AND status = 'APPROVED'
                          AND level_evaluation_body = :body AND level_certificate_no = :no
                        ORDER BY claim_id""")
                .param("person", certificate.personKey()).param("occupation", certificate.occupationCode())
                .param("level", certificate.level().name())
                .param("body", certificate.evaluationBody()).param("no", certificate.certificateNo())
                .query(Ledger::claim).list();
    }

    /** Rejected claims whose rejection gave this reason, oldest first. */
    List<Long> rejectedClaimIds(Reason reason) {
        return jdbc.sql("""
                        SELECT c.claim_id FROM settlement.claim c
                        JOIN settlement.decision d ON d.claim_id = c.claim_id AND d.decision = 'REJECTED'
                        WHERE c.status = 'REJECTED' AND :reason = ANY (d.reason_codes)
                        ORDER BY c.claim_id""")
                .param("reason", reason.name()).query(Long.class).list();
    }

    /** A rejected claim is open again, to be decided anew in the same transaction. */
    void reopenRejectedClaim(long claimId) {
        jdbc.sql("""
                        UPDATE settlement.claim SET status = 'PENDING', level_evaluation_body = NULL,
                            level_certificate_no = NULL, standard_version = NULL, amount_yuan = NULL,
                            round_no = round_no + 1, updated_at = now()
                        WHERE claim_id = :id AND status = 'REJECTED'""")
                .param("id", claimId).update();
    }

    /** The completion's flags as they stand now: a later reference version may have cleared one. */
    void updateCompletionFlags(String enrolmentNo, Set<ComplianceFlag> flags) {
        jdbc.sql("UPDATE settlement.training_completion SET compliance_flags = :flags WHERE enrolment_no = :no")
                .param("flags", names(flags)).param("no", enrolmentNo).update();
    }

    /** Writes decisions: the claims' new statuses ({@link #updateClaims}), then the decisions themselves. */
    void record(List<Decided> decided) {
        updateClaims(decided);
        appendDecisions(decided);
    }

    /**
     * The decided claims' new statuses, as one JDBC batch (one round trip). Row by row by primary key on purpose:
     * an {@code UPDATE … FROM unnest(…)} was planned, while the ledger was small, as a scan of the whole claim table,
     * and a cached plan kept scanning it as the ledger grew (issue 19).
     */
    void updateClaims(List<Decided> decided) {
        if (decided.isEmpty()) {
            return;
        }
        SqlParameterSource[] rows = decided.stream().map(one -> new MapSqlParameterSource()
                        .addValue("status", one.status().name()).addValue("body", one.evaluationBody())
                        .addValue("certNo", one.decision().levelCertificateNo())
                        .addValue("version", one.decision().standardVersion())
                        .addValue("amount", one.decision().amountYuan())
                        .addValue("payeeType", one.decision().payeeType().name())
                        .addValue("payee", one.decision().payee()).addValue("city", one.decision().cityCode())
                        .addValue("id", one.claim().claimId()))
                .toArray(SqlParameterSource[]::new);
        batch.batchUpdate("""
                UPDATE settlement.claim SET status = :status, level_evaluation_body = :body, level_certificate_no = :certNo,
                    standard_version = :version, amount_yuan = :amount, payee_type = :payeeType, payee = :payee,
                    city_code = :city, updated_at = now()
                WHERE claim_id = :id""", rows);
    }

    /**
     * Appends decisions to the outbox, in the order given, as one batch. Inserts are serialised by a
     * transaction-scoped advisory lock, so a decision id never becomes visible after a higher one: the relay, which
     * reads by id, cannot step over a late commit. Call it last in the transaction: the lock is held to the commit.
     */
    void appendDecisions(List<Decided> decided) {
        if (decided.isEmpty()) {
            return;
        }
        jdbc.sql("SELECT pg_advisory_xact_lock(:cls, :id)").param("cls", OUTBOX_LOCK_CLASS).param("id", OUTBOX_LOCK_ID)
                .query((rs, row) -> 1).list();
        SqlParameterSource[] rows = decided.stream().map(one -> decisionRow(one.decision()))
                .toArray(SqlParameterSource[]::new);
        batch.batchUpdate("""
                INSERT INTO settlement.decision (claim_id, decision, reason_codes, person_key, occupation_code, level,
                    enrolment_no, training_certificate_no, level_certificate_no, standard_version,
                    required_hours, total_hours, amount_yuan, payment_mode, payee_type, payee, city_code,
                    decided_from, compliance_flags, decided_at, round_no)
                VALUES (:claimId, :decision, :reasons, :person, :occupation, :level, :enrolmentNo, :trainingCert,
                    :levelCert, :version, :requiredHours, :totalHours, :amount, :mode, :payeeType, :payee,
                    :city, :decidedFrom, :flags, :decidedAt,
                    (SELECT round_no FROM settlement.claim WHERE claim_id = :claimId))""", rows);
    }

    private static SqlParameterSource decisionRow(SubsidyDecided d) {
        return new MapSqlParameterSource()
                .addValue("claimId", d.claimId()).addValue("decision", d.decision().name())
                .addValue("reasons", names(d.reasonCodes())).addValue("person", d.personKey())
                .addValue("occupation", d.occupationCode()).addValue("level", d.level().name())
                .addValue("enrolmentNo", d.enrolmentNo()).addValue("trainingCert", d.trainingCertificateNo())
                .addValue("levelCert", d.levelCertificateNo()).addValue("version", d.standardVersion())
                .addValue("requiredHours", d.requiredHours()).addValue("totalHours", d.totalHours())
                .addValue("amount", d.amountYuan()).addValue("mode", d.paymentMode().name())
                .addValue("payeeType", d.payeeType().name()).addValue("payee", d.payee())
                .addValue("city", d.cityCode())
                .addValue("decidedFrom", d.decidedFrom().toArray(String[]::new))
                .addValue("flags", names(d.complianceFlags())).addValue("decidedAt", d.decidedAt());
    }

    // --- many people at once: the release of held claims (design decision 47) ---

    /** Takes the locks of all these people, in one fixed order (V19_1 lock_people): see {@link #lockPerson}. */
    void lockPeople(Collection<String> personKeys) {
        jdbc.sql("SELECT settlement.lock_people(:keys)").param("keys", personKeys.toArray(String[]::new))
                .query((rs, n) -> 1).list();
    }

    /** Held claims after this claim id, oldest first: the next chunk of a release. */
    List<Claim> heldClaimsAfter(long afterClaimId, int limit) {
        return jdbc.sql("""
                        SELECT * FROM settlement.claim WHERE status = 'HELD' AND claim_id > :after
                        ORDER BY claim_id LIMIT :limit""")
                .param("after", afterClaimId).param("limit", limit).query(Ledger::claim).list();
    }

    List<Claim> claims(Collection<Long> claimIds) {
        return jdbc.sql("SELECT * FROM settlement.claim WHERE claim_id = ANY (CAST(:ids AS bigint[])) ORDER BY claim_id")
                .param("ids", claimIds.toArray(Long[]::new)).query(Ledger::claim).list();
    }

    /** Completions by enrolment number. */
    Map<String, Completion> completions(Collection<String> enrolmentNos) {
        Map<String, Completion> byNo = new HashMap<>();
        jdbc.sql("SELECT * FROM settlement.training_completion WHERE enrolment_no = ANY (CAST(:nos AS text[]))")
                .param("nos", enrolmentNos.toArray(String[]::new)).query(Ledger::completion).list()
                .forEach(c -> byNo.put(c.enrolmentNo(), c));
        return byNo;
    }

    /** Every level certificate of these people, in the order of {@link #certificates}. */
    List<LevelCertificate> certificatesOfPeople(Collection<String> personKeys) {
        return jdbc.sql("""
                        SELECT * FROM settlement.level_certificate WHERE person_key = ANY (CAST(:people AS text[]))
                        ORDER BY issued_on NULLS LAST, evaluation_body, certificate_no""")
                .param("people", personKeys.toArray(String[]::new)).query(Ledger::certificate).list();
    }

    /** Every paid claim of these people, any occupation, in the order of {@link #paidClaims}. */
    List<Claim> paidClaimsOfPeople(Collection<String> personKeys) {
        return jdbc.sql("""
                        SELECT * FROM settlement.claim WHERE person_key = ANY (CAST(:people AS text[]))
                          AND status IN ('APPROVED', 'RECOVERY_REQUIRED')
                        ORDER BY claim_id""")
                .param("people", personKeys.toArray(String[]::new)).query(Ledger::claim).list();
    }

    // --- decisions (the outbox) ---

    List<DecisionRow> decisionsAfter(long decisionId, int limit) {
        return jdbc.sql("SELECT * FROM settlement.decision WHERE decision_id > :after ORDER BY decision_id LIMIT :limit")
                .param("after", decisionId).param("limit", limit)
                .query((rs, n) -> new DecisionRow(rs.getLong("decision_id"), rs.getInt("round_no"), decision(rs))).list();
    }

    // --- row mappers ---

    private static Completion completion(ResultSet rs, int row) throws SQLException {
        return new Completion(rs.getString("enrolment_no"), rs.getString("ce_id"), rs.getString("person_key"),
                rs.getString("occupation_code"), Level.valueOf(rs.getString("level")), rs.getBigDecimal("total_hours"),
                rs.getObject("starts_on", LocalDate.class), rs.getObject("completed_on", LocalDate.class),
                rs.getString("training_certificate_no"),
                rs.getString("institution_name"), rs.getString("institution_city_code"),
                PaymentMode.valueOf(rs.getString("payment_mode")),
                enums(rs.getArray("compliance_flags"), ComplianceFlag.class));
    }

    private static LevelCertificate certificate(ResultSet rs, int row) throws SQLException {
        return new LevelCertificate(rs.getString("evaluation_body"), rs.getString("certificate_no"),
                rs.getString("person_key"), rs.getString("occupation_code"), Level.valueOf(rs.getString("level")),
                rs.getObject("issued_on", LocalDate.class), rs.getString("issued_ce_id"),
                enums(rs.getArray("compliance_flags"), ComplianceFlag.class),
                rs.getObject("revoked_on", LocalDate.class), rs.getString("revoked_ce_id"));
    }

    private static Claim claim(ResultSet rs, int row) throws SQLException {
        String payeeType = rs.getString("payee_type");
        return new Claim(rs.getLong("claim_id"), rs.getString("enrolment_no"), rs.getString("person_key"),
                rs.getString("occupation_code"), Level.valueOf(rs.getString("level")),
                ClaimStatus.valueOf(rs.getString("status")), rs.getString("level_evaluation_body"),
                rs.getString("level_certificate_no"), rs.getString("standard_version"),
                (Integer) rs.getObject("amount_yuan"), payeeType == null ? null : PayeeType.valueOf(payeeType),
                rs.getString("payee"), rs.getString("city_code"));
    }

    private static SubsidyDecided decision(ResultSet rs) throws SQLException {
        return new SubsidyDecided(rs.getLong("claim_id"), Decision.valueOf(rs.getString("decision")),
                List.copyOf(enums(rs.getArray("reason_codes"), Reason.class)), rs.getString("person_key"),
                rs.getString("occupation_code"), Level.valueOf(rs.getString("level")), rs.getString("enrolment_no"),
                rs.getString("training_certificate_no"), rs.getString("level_certificate_no"),
                rs.getString("standard_version"), (Integer) rs.getObject("required_hours"),
                rs.getBigDecimal("total_hours"), (Integer) rs.getObject("amount_yuan"),
                PaymentMode.valueOf(rs.getString("payment_mode")), PayeeType.valueOf(rs.getString("payee_type")),
                rs.getString("payee"), rs.getString("city_code"), List.of(strings(rs.getArray("decided_from"))),
                rs.getObject("decided_at", OffsetDateTime.class),
                enums(rs.getArray("compliance_flags"), ComplianceFlag.class));
    }

    private static String[] names(Collection<? extends Enum<?>> values) {
        return values == null ? new String[0] : values.stream().map(Enum::name).toArray(String[]::new);
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    private static <E extends Enum<E>> Set<E> enums(Array array, Class<E> type) throws SQLException {
        Set<E> set = EnumSet.noneOf(type);
        Arrays.stream(strings(array)).map(s -> Enum.valueOf(type, s)).forEach(set::add);
        return set;
    }
}
