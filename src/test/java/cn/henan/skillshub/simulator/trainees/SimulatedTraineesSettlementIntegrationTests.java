package cn.henan.skillshub.simulator.trainees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.reference.Occupation;
import cn.henan.skillshub.reference.ReferenceData;
import cn.henan.skillshub.simulator.cehours.CeRegistrySimulator.TrainingRegistration;
import cn.henan.skillshub.simulator.cehours.CeRegistrySimulators;
import cn.henan.skillshub.simulator.evaluation.EvaluationBodySimulator;
import cn.henan.skillshub.simulator.evaluation.EvaluationBodySimulators;
import cn.henan.skillshub.simulator.realname.RealNameSimulator;
import cn.henan.skillshub.simulator.sftp.CsvEncoding;
import cn.henan.skillshub.simulator.sftp.EvaluationBodyCsv;
import cn.henan.skillshub.simulator.sftp.InboxWriter;
import cn.henan.skillshub.sources.rest.PublishedEvents;
import cn.henan.skillshub.support.ExchangeSchemaForTests.Simulators;
import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The local run's story end to end, on real parts: trainees complete training in the real-name simulator; the
 * evaluation-body simulators (REST body A and the SFTP body) assess and certify those same trainees, read back
 * from the exchange database as the trainee roster reads them; the CE registry registers hours from their
 * training certificates. The hub publishes it all, and the settlement service decides: approvals, claims held
 * for want of a standard, rejections, and recoveries once certificates are revoked — and the summary endpoint
 * counts exactly what the ledger holds.
 */
@HubIntegrationTest
class SimulatedTraineesSettlementIntegrationTests {

    /**
     * The ledger lives in the shared test database and outlasts the run, so each run has trainees of its own: record
     * numbers by this tag, people by this seed (a person paid in an earlier run would be rejected as ALREADY_PAID).
     */
    private static final String TAG = "STL" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    private static final long SEED = TAG.hashCode();
    private static final String SFTP_INBOX = "miit-cee/inbox";
    private static final String SFTP_BODY = "工业和信息化部教育与考试中心";
    private static final Duration SFTP_REVOCATION_DELAY = Duration.ofSeconds(3);
    private static final Duration DECIDED_WITHIN = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Simulators realName;
    @Autowired
    EvaluationBodySimulators bodies;
    @Autowired
    CeRegistrySimulators registry;
    @Autowired
    InboxWriter inbox;
    @Autowired
    ReferenceData reference;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("exchangeDataSource")
    DataSource exchange;
    @Value("${skillshub.sources.realname.schema}")
    String schema;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Value("${local.server.port}")
    int port;

    @Test
    void theEvaluationBodiesCertifyTheRealNameTrainees_andTheSettlementDecidesTheirClaims() throws Exception {
        RealNameSimulator training = realName.create(TAG, SEED, 0);
        training.openClasses();
        training.write(600);
        ExchangeCompletions completions = new ExchangeCompletions(exchange, schema, Duration.ZERO);
        List<CompletedTrainee> trainees = completions.after(ExchangeCompletions.Cursor.BEGINNING, 100_000).trainees()
                .stream().filter(t -> t.enrolmentNo().contains(TAG)).toList();
        assertThat(trainees).as("trainees of run %s", TAG).hasSizeGreaterThan(100);

        // Half to REST body A, half to the SFTP body, as the roster splits them; every trainee to the CE registry.
        EvaluationBodySimulator bodyA = bodies.body("body-a");
        EvaluationBodyCsv sftpBody = new EvaluationBodyCsv(SEED, "S" + TAG, SFTP_BODY,
                reference.occupations().stream().map(Occupation::code).toList(), 0);
        Map<String, AssessmentOutcome> outcomes = new HashMap<>();
        for (CompletedTrainee trainee : trainees) {
            AssessmentOutcome outcome = Math.floorMod(trainee.stableHash(), 2L) == 0
                    ? bodyA.assess(trainee, TAG, Duration.ofDays(1))
                    : sftpBody.assess(trainee, SFTP_REVOCATION_DELAY);
            outcomes.put(trainee.enrolmentNo(), outcome);
        }
        Instant sftpRevocationsDue = Instant.now().plus(SFTP_REVOCATION_DELAY);
        inbox.dropGenerated(SFTP_INBOX, TAG + "-results.csv", CsvEncoding.GBK, sftpBody, 0, true);

        long certified = outcomes.values().stream().filter(AssessmentOutcome::certified).count();
        long certifiedLate = outcomes.values().stream().filter(AssessmentOutcome::certifiedAfterStandardWindow).count();
        long notCertified = outcomes.size() - certified;
        assertThat(certified).as("certified trainees").isGreaterThan(outcomes.size() / 2);
        assertThat(certifiedLate).as("certificates issued after Annex 3 ran out").isPositive();
        assertThat(notCertified).as("trainees without a certificate").isPositive();

        // Every certified trainee's claim is decided; a trainee without a certificate has no decision.
        await().atMost(DECIDED_WITHIN).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Long> claims = claimsByStatus();
            assertThat(claims.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(trainees.size());
            assertThat(claims.getOrDefault("PENDING", 0L)).isEqualTo(notCertified);
        });
        Map<String, Long> decided = claimsByStatus();

        // Every claim exists, so every completion is published: the CE registry registers hours from the training
        // certificates now, as the roster (its lag) has it do in the local run.
        List<BigDecimal> ceHoursOver = new ArrayList<>();
        List<TrainingRegistration> registrations = new ArrayList<>();
        for (CompletedTrainee trainee : trainees) {
            TrainingRegistration registration = registry.simulator().registerTraining(trainee, TAG);
            if (registration != null) {
                registrations.add(registration);
                if (registration.hours().compareTo(trainee.totalHours()) > 0) {
                    ceHoursOver.add(registration.hours());
                }
            }
        }
        assertThat(decided.getOrDefault("APPROVED", 0L)).as("approved").isGreaterThan(certified / 2);
        assertThat(decided.getOrDefault("HELD", 0L)).as("held, no standard in force").isPositive();
        assertThat(decided.getOrDefault("REJECTED", 0L)).as("rejected").isPositive();

        // Revocations come after the approvals: what was paid on a revoked certificate is to be recovered.
        List<String> approvedThenRevoked = jdbc.queryForList("""
                SELECT enrolment_no FROM settlement.claim WHERE enrolment_no LIKE ? AND status = 'APPROVED'""",
                String.class, "%" + TAG + "%").stream().filter(e -> outcomes.get(e).revoked()).toList();
        assertThat(approvedThenRevoked).as("approved claims whose certificate the simulators revoke").isNotEmpty();
        bodyA.writeDueRevocations(Instant.MAX);
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(sftpRevocationsDue));
        inbox.dropGenerated(SFTP_INBOX, TAG + "-revocations.csv", CsvEncoding.UTF8_BOM, sftpBody, 0, true);
        await().atMost(DECIDED_WITHIN).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(claimsByStatus().getOrDefault("RECOVERY_REQUIRED", 0L))
                        .isEqualTo(approvedThenRevoked.size()));

        // The decisions topic carries exactly the ledger's decisions.
        PublishedEvents published = new PublishedEvents(bootstrapServers);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(publishedDecisionsByKind(published)).isEqualTo(ledgerDecisionsByKind()));

        // The CE registry's registrations from training certificates: more hours than the training gave are flagged.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<JsonNode> registered = published.tagged(Topics.CE_HOURS, "DJ" + TAG).stream()
                    .map(PublishedEvents::json).toList();
            // A few certificates are registered twice (or by someone else too), for supervision to find.
            assertThat(registered).hasSize(registrations.stream().mapToInt(TrainingRegistration::registrations).sum());
            assertThat(registered.stream().filter(r -> r.path("complianceFlags").toString()
                    .contains(ComplianceFlag.CE_HOURS_EXCEED_TRAINING_HOURS.name()))).hasSize(ceHoursOver.size());
        });
        assertThat(ceHoursOver).as("registrations over the certificate's hours").isNotEmpty();

        // The summary of each paying city this month counts what the ledger holds (other tests decide meanwhile,
        // so compare until both are read between two of their decisions).
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        List<String> cities = jdbc.queryForList("""
                SELECT DISTINCT city_code FROM settlement.decision
                 WHERE enrolment_no LIKE ? AND city_code IS NOT NULL""",
                String.class, "%" + TAG + "%");
        assertThat(cities).contains("410100");
        HubApi api = new HubApi(port);
        for (String city : cities) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                HttpResponse<String> answer = api.get("/api/v1/settlement/summary?city=" + city + "&month=" + month,
                        TestApiKeys.AUDITOR);
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(summaryTotals(JSON.readTree(answer.body()))).isEqualTo(ledgerTotals(city));
            });
        }
    }

    private Map<String, Long> claimsByStatus() {
        return jdbc.queryForList("SELECT status, count(*) AS n FROM settlement.claim WHERE enrolment_no LIKE ?"
                        + " GROUP BY status", "%" + TAG + "%").stream()
                .collect(Collectors.toMap(r -> (String) r.get("status"), r -> ((Number) r.get("n")).longValue()));
    }

    private Map<String, Long> ledgerDecisionsByKind() {
        return new TreeMap<>(jdbc.queryForList("SELECT decision, count(*) AS n FROM settlement.decision"
                        + " WHERE enrolment_no LIKE ? GROUP BY decision", "%" + TAG + "%").stream()
                .collect(Collectors.toMap(r -> (String) r.get("decision"), r -> ((Number) r.get("n")).longValue())));
    }

    private static Map<String, Long> publishedDecisionsByKind(PublishedEvents published) {
        return new TreeMap<>(published.tagged(Topics.SUBSIDY_DECISIONS, TAG).stream().map(PublishedEvents::json)
                .filter(d -> d.path("enrolmentNo").asText().contains(TAG))
                .collect(Collectors.groupingBy(d -> d.path("decision").asText(), Collectors.counting())));
    }

    /** The figures of the summary: approved count and yuan, held, rejected, recovery count and yuan. */
    private static List<Long> summaryTotals(JsonNode summary) {
        return List.of(summary.path("approvedCount").asLong(), summary.path("approvedTotalYuan").asLong(),
                summary.path("heldCount").asLong(), summary.path("rejectedCount").asLong(),
                summary.path("recoveryRequiredCount").asLong(), summary.path("recoveryRequiredTotalYuan").asLong());
    }

    /** The same figures straight from the ledger's decisions of the city this month (China Standard Time). */
    private List<Long> ledgerTotals(String city) {
        Map<String, Object> row = jdbc.queryForMap("""
                SELECT count(*) FILTER (WHERE decision = 'APPROVED') AS approved,
                       coalesce(sum(amount_yuan) FILTER (WHERE decision = 'APPROVED'), 0) AS approved_yuan,
                       count(*) FILTER (WHERE decision = 'HELD') AS held,
                       count(*) FILTER (WHERE decision = 'REJECTED') AS rejected,
                       count(*) FILTER (WHERE decision = 'RECOVERY_REQUIRED') AS recovery,
                       coalesce(sum(amount_yuan) FILTER (WHERE decision = 'RECOVERY_REQUIRED'), 0) AS recovery_yuan
                  FROM settlement.decision
                 WHERE city_code = ?
                   AND decided_at >= date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')
                                     AT TIME ZONE 'Asia/Shanghai'
                   AND decided_at < (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') + interval '1 month')
                                    AT TIME ZONE 'Asia/Shanghai'""", city);
        return List.of("approved", "approved_yuan", "held", "rejected", "recovery", "recovery_yuan").stream()
                .map(k -> ((Number) row.get(k)).longValue()).toList();
    }
}
