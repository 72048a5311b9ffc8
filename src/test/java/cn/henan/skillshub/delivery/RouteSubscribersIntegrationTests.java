package cn.henan.skillshub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.henan.skillshub.events.CanonicalEvent;
import cn.henan.skillshub.simulator.sftp.SftpSimulatorServer;
import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The two subscribers of {@code routes/} (the provincial platform's push, Zhengzhou's finance bureau's files), as the
 * local run has them, against the simulators: a Zhengzhou decision reaches both, and the deliveries API counts it.
 */
@HubIntegrationTest
class RouteSubscribersIntegrationTests {

    @Autowired
    SftpSimulatorServer sftp;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @LocalServerPort
    int port;

    @Test
    void aZhengzhouDecisionIsPushedToThePlatformAndWrittenIntoZhengzhousFileOfTheDay() throws Exception {
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        OffsetDateTime now = OffsetDateTime.now(shanghai).withNano(0);
        CanonicalEvent decision = DecisionEvents.decision(ThreadLocalRandom.current().nextLong(3_000_000_000L,
                4_000_000_000L), "pk-" + UUID.randomUUID().toString().replace("-", ""), "410100", now, 1200);
        try (DecisionEvents decisions = new DecisionEvents(bootstrapServers)) {
            decisions.publish(decision);
        }
        HubApi api = new HubApi(port);
        Path file = sftp.root().resolve("zhengzhou-finance/outbox/decisions-410100-"
                + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now(shanghai)) + ".csv");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode platform = HubApi.json(api.get("/simulators/subscriber", null));
            assertThat(platform.get("badSignatures").asInt()).isZero();
            assertThat(api.get("/simulators/subscriber/events/" + decision.id(), null).statusCode())
                    .as("the platform took the push").isEqualTo(200);
            assertThat(Files.exists(file) && Files.readString(file, Charset.forName("GB18030"))
                    .contains(decision.id())).as("the decision's row in " + file).isTrue();
        });
        JsonNode subscribers = HubApi.json(api.get("/api/v1/deliveries", TestApiKeys.OPS));
        assertThat(subscribers.findValuesAsText("subscriber")).contains("provincial-platform", "zhengzhou-finance");
        for (JsonNode s : subscribers) {
            if (s.get("subscriber").asText().equals("provincial-platform")
                    || s.get("subscriber").asText().equals("zhengzhou-finance")) {
                assertThat(s.get("delivered").asDouble()).as(s.toString()).isGreaterThanOrEqualTo(1);
                assertThat(s.toString()).doesNotContain("password").doesNotContain("secret");
            }
        }
    }
}
