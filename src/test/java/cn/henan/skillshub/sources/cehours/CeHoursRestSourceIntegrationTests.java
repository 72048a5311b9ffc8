package cn.henan.skillshub.sources.cehours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.events.ComplianceFlag;
import cn.henan.skillshub.events.EventType;
import cn.henan.skillshub.events.Topics;
import cn.henan.skillshub.simulator.cehours.CeRegistrySimulator;
import cn.henan.skillshub.simulator.cehours.CeRegistrySimulators;
import cn.henan.skillshub.simulator.ExpectedOutcomes;
import cn.henan.skillshub.simulator.realname.RealNameSimulator;
import cn.henan.skillshub.sources.rest.HmacRequestSignature;
import cn.henan.skillshub.sources.rest.PublishedEvents;
import cn.henan.skillshub.support.ExchangeSchemaForTests.Simulators;
import cn.henan.skillshub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The CE hour registry end to end over signed HTTP, the cross-check against published training certificates,
 * and the registry's refusals of stale and replayed requests.
 */
@HubIntegrationTest
class CeHoursRestSourceIntegrationTests {

    @Autowired
    CeRegistrySimulators registry;
    @Autowired
    Simulators realName;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Value("${local.server.port}")
    int port;
    @Value("${skillshub.sources.ce-registry.app-key}")
    String appKey;
    @Value("${skillshub.sources.ce-registry.app-secret}")
    String appSecret;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyRegistrationBecomesExactlyOneEventOrOneRejectWithItsReason() {
        CeRegistrySimulator simulator = registry.simulator();
        ExpectedOutcomes expected = simulator.write(300, "CEE2E");
        PublishedEvents published = new PublishedEvents(bootstrapServers);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                published.tagged(Topics.CE_HOURS, "CEE2E").size() + published.tagged(Topics.REJECTED, "CEE2E").size())
                .isEqualTo(expected.totalEvents() + expected.totalRejects()));
        List<ConsumerRecord<String, byte[]>> events = published.tagged(Topics.CE_HOURS, "CEE2E");
        assertThat(PublishedEvents.byType(events)).isEqualTo(expected.events());
        assertThat(expected.events()).containsKeys(EventType.CE_HOURS_REGISTERED, EventType.CE_HOURS_CANCELLED);
        assertThat(PublishedEvents.byReason(published.tagged(Topics.REJECTED, "CEE2E"))).isEqualTo(expected.rejects());
        assertThat(events.stream().map(r -> PublishedEvents.header(r, "ce_id")).distinct()).hasSize(events.size());
        for (ConsumerRecord<String, byte[]> event : events) {
            assertThat(PublishedEvents.header(event, "ce_source")).isEqualTo("/sources/ce-hours-registry");
            assertThat(PublishedEvents.schemaViolations(event)).isEmpty();
        }
    }

    /**
     * 对取得培训合格证书的,可登记为当年度相应的专业技术人员继续教育专业科目学时: hours registered from a training
     * certificate beyond the hours of its training are flagged; within them, not; from a certificate the hub has
     * not published, flagged as unchecked.
     */
    @Test
    void ceHoursExceedingTheTrainingCertificatesHoursAreFlagged() {
        RealNameSimulator training = realName.create("CEXCK", 3, 0);
        training.openClasses();
        training.write(300);
        PublishedEvents published = new PublishedEvents(bootstrapServers);
        List<JsonNode> completions = await().atMost(Duration.ofSeconds(60)).until(() -> published
                .tagged(Topics.TRAINING, "CEXCK").stream()
                .filter(r -> PublishedEvents.header(r, "ce_type").equals(EventType.TRAINING_COMPLETED.ceType()))
                .map(PublishedEvents::json).toList(), list -> list.size() >= 2);
        JsonNode first = completions.get(0);
        JsonNode second = completions.get(1);
        CeRegistrySimulator simulator = registry.simulator();
        BigDecimal firstHours = first.get("totalHours").decimalValue();
        String over = simulator.registerFromCertificate("CEXOVER", simulator.person(),
                firstHours.add(BigDecimal.TEN), first.get("trainingCertificateNo").asText());
        String within = simulator.registerFromCertificate("CEXWITHIN", simulator.person(),
                second.get("totalHours").decimalValue(), second.get("trainingCertificateNo").asText());
        String unknown = simulator.registerFromCertificate("CEXUNKNOWN", simulator.person(), BigDecimal.ONE,
                "PXZ-NEVER-PUBLISHED-0001");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(flagsOf(published, over)).contains(ComplianceFlag.CE_HOURS_EXCEED_TRAINING_HOURS.name());
            assertThat(flagsOf(published, within)).isEqualTo("[]");
            assertThat(flagsOf(published, unknown)).isEqualTo(
                    "[\"" + ComplianceFlag.TRAINING_CERTIFICATE_UNKNOWN.name() + "\"]");
        });
    }

    @Test
    void theRegistryAcceptsAGoodSignatureAndRefusesAStaleTimestampAndAReplayedNonce() throws Exception {
        String path = "/simulators/ce-registry/registrations";
        String query = HmacRequestSignature.canonicalQuery("updatedSince=2099-01-01T00:00:00Z&pageSize=5");
        String nonce = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();

        HttpResponse<String> good = get(path, query, now, nonce);
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(good.body()).contains("\"records\":[]");

        HttpResponse<String> replayed = get(path, query, now, nonce);
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.body()).contains("replayed nonce");

        HttpResponse<String> stale = get(path, query, now - Duration.ofMinutes(6).toMillis(), UUID.randomUUID().toString());
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(stale.body()).contains("stale timestamp");

        HttpResponse<String> future = get(path, query, now + Duration.ofMinutes(6).toMillis(), UUID.randomUUID().toString());
        assertThat(future.statusCode()).isEqualTo(401);

        HttpRequest tampered = signed(path, query, System.currentTimeMillis(), UUID.randomUUID().toString())
                .uri(URI.create("http://127.0.0.1:" + port + path + "?" + query.replace("pageSize=5", "pageSize=6")))
                .build();
        HttpResponse<String> refused = http.send(tampered, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("bad signature");
    }

    private HttpResponse<String> get(String path, String query, long timestamp, String nonce) throws Exception {
        return http.send(signed(path, query, timestamp, nonce).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder signed(String path, String query, long timestamp, String nonce) {
        String signature = HmacRequestSignature.sign(appSecret, HmacRequestSignature.canonicalString("GET", path,
                query, Long.toString(timestamp), nonce));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + "?" + query))
                .header(HmacRequestSignature.APP_KEY, appKey)
                .header(HmacRequestSignature.TIMESTAMP, Long.toString(timestamp))
                .header(HmacRequestSignature.NONCE, nonce)
                .header(HmacRequestSignature.SIGNATURE, signature);
    }

    private static String flagsOf(PublishedEvents published, String registrationId) {
        return published.tagged(Topics.CE_HOURS, registrationId).stream()
                .map(r -> PublishedEvents.json(r).path("complianceFlags").toString()).findFirst().orElse("none");
    }
}
