package cn.henan.skillshub.events;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The contract as the hub serves it, without an API key: every {@code ce_dataschema} answers 200 with its schema,
 * {@code /asyncapi.yaml} is kafka/asyncapi.yaml, and {@code /asyncapi} renders it in a real headless Chromium.
 */
@HubIntegrationTest
class SubscriberContractIntegrationTests {

    @LocalServerPort
    int port;
    @Value("${skillshub.public-url}")
    String publicUrl;

    @Test
    void everyCeDataschemaIsAnAbsoluteUrlThatAnswersWithTheSchema() throws IOException {
        HubApi hub = new HubApi(port);
        for (EventType type : EventType.values()) {
            CanonicalEvent event = new CanonicalEvent(type, "id-1", "/sources/test", "subject/1",
                    OffsetDateTime.parse("2025-06-01T08:00:00Z"), "pk-0", java.util.Map.of());
            ProducerRecord<String, byte[]> record = EventEnvelope.toRecord(event);
            URI dataSchema = URI.create(new String(record.headers().lastHeader("ce_dataschema").value(),
                    StandardCharsets.UTF_8));
            assertThat(dataSchema.toString()).isEqualTo(publicUrl + "/schemas/" + type.ceType() + ".json");
            assertThat(dataSchema.isAbsolute()).isTrue();

            HttpResponse<String> schema = hub.get(dataSchema.getPath(), null);
            assertThat(schema.statusCode()).as(dataSchema.toString()).isEqualTo(200);
            assertThat(schema.headers().firstValue("Content-Type")).hasValueSatisfying(
                    c -> assertThat(c).startsWith("application/schema+json"));
            assertThat(schema.body()).isEqualTo(Files.readString(Path.of("kafka/schemas", type.ceType() + ".json")));
        }
        HttpResponse<String> unknown = hub.get("/schemas/skills.nothing.v1.json", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void theAsyncApiDocumentIsServedAsItIsInTheRepository() throws IOException {
        HubApi hub = new HubApi(port);
        HttpResponse<String> yaml = hub.get("/asyncapi.yaml", null);
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).isEqualTo(Files.readString(Path.of("kafka/asyncapi.yaml")));
        HttpResponse<String> json = hub.get("/asyncapi.json", null);
        assertThat(new ObjectMapper().readTree(json.body()))
                .isEqualTo(new ObjectMapper(new YAMLFactory()).readTree(yaml.body()));
    }

    @Test
    void thePageRendersEveryTopicAndEveryMessageWithItsFields() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            browser.get("http://127.0.0.1:" + port + "/asyncapi");
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-rendered")));
            List<String> channels = browser.findElements(By.cssSelector(".channel h3 code")).stream()
                    .map(e -> e.getText()).toList();
            assertThat(channels).contains(Topics.TRAINING, Topics.ASSESSMENT, Topics.CE_HOURS, Topics.REJECTED,
                    Topics.CHECKPOINTS, Topics.SUBSIDY_DECISIONS, Topics.REFERENCE);
            for (EventType type : EventType.values()) {
                String fields = browser.findElement(By.id("message-" + type.ceType())).getText();
                for (var component : type.dataClass().getRecordComponents()) {
                    assertThat(fields).as(type.ceType()).contains(component.getName());
                }
            }
            assertThat(browser.findElement(By.id("consumers")).getText()).contains("skills-hub-settlement");
            assertThat(browser.findElement(By.id("error")).getText()).isEmpty();
        } finally {
            browser.quit();
        }
    }
}
