package cn.henan.skillshub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.henan.skillshub.support.HubApi;
import cn.henan.skillshub.support.HubIntegrationTest;
import cn.henan.skillshub.support.TestApiKeys;
import java.io.File;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The ops console in a real headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them):
 * load /ops, sign in with an OPS key, see the sources, pause one, see it paused, resume it; see the supervision
 * findings and the claims that wait; see the delivery counts of the subscribers.
 */
@HubIntegrationTest
class OpsConsoleBrowserTests {

    private static final String SOURCE = "realname-training.classes";

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    WebDriver browser;

    @BeforeEach
    void browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--window-size=1400,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        new HubApi(port).post("/api/v1/sources/" + SOURCE + "/resume", TestApiKeys.OPS, null);
    }

    @Test
    void anOperatorSignsInSeesTheSourcesAndPausesOne() {
        WebDriverWait wait = consoleWait();
        browser.get("http://127.0.0.1:" + port + "/ops");

        // A key without the OPS role is turned away.
        browser.findElement(By.id("api-key")).sendKeys(TestApiKeys.AUDITOR);
        browser.findElement(By.id("sign-in-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-error"), "no OPS role"));

        browser.findElement(By.id("api-key")).clear();
        browser.findElement(By.id("api-key")).sendKeys(TestApiKeys.OPS);
        browser.findElement(By.id("sign-in-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console")));
        assertThat(browser.findElement(By.id("who-name")).getText()).isEqualTo("test-ops (OPS)");

        By row = By.cssSelector("#sources tr[data-source='" + SOURCE + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));
        List<String> shown = wait.until(d -> d.findElements(By.cssSelector("#sources tbody tr")).stream()
                .map(r -> r.getAttribute("data-source")).toList());
        assertThat(shown).contains("realname-training.classes", "realname-training.enrolments",
                "realname-training.hours", "realname-training.completions");
        wait.until(d -> state(d, row).equals("running"));

        click(wait, row, "pause");

        wait.until(d -> state(d, row).equals("paused"));
        String offered = wait.until(d -> d.findElement(row).findElement(By.cssSelector("button")).getAttribute("data-action"));
        assertThat(offered).isEqualTo("resume");
        click(wait, row, "resume");
        wait.until(d -> state(d, row).equals("running"));
    }

    @Test
    void anOperatorSeesTheDeliveryCountsOfTheTwoSubscribers() {
        WebDriverWait wait = consoleWait();
        browser.get("http://127.0.0.1:" + port + "/ops");
        browser.findElement(By.id("api-key")).sendKeys(TestApiKeys.OPS);
        browser.findElement(By.id("sign-in-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console")));
        By push = By.cssSelector("#deliveries tbody tr[data-subscriber='provincial-platform']");
        By files = By.cssSelector("#deliveries tbody tr[data-subscriber='zhengzhou-finance']");
        wait.until(ExpectedConditions.presenceOfElementLocated(push));
        wait.until(ExpectedConditions.presenceOfElementLocated(files));
        String pushRow = wait.until(d -> d.findElement(push).getText());
        String filesRow = wait.until(d -> d.findElement(files).getText());
        Integer pushButtons = wait.until(d -> d.findElement(push).findElements(By.cssSelector("button")).size());
        assertThat(pushRow).contains("http-push").contains("/simulators/subscriber/events");
        assertThat(filesRow).contains("sftp-daily-file");
        assertThat(pushButtons).isEqualTo(1);
        assertThat(browser.findElement(By.id("deliveries-error")).getText()).isEmpty();
    }

    @Test
    void anOperatorSeesTheSupervisionFindingsAndTheClaimsThatWait() throws Exception {
        // A completion of 2025 whose trainee list was never reported: supervision finds it at once (五(二)).
        String personKey = "pk-" + java.util.UUID.randomUUID().toString().replace("-", "");
        String enrolmentNo = "BM-console-" + personKey.substring(3, 15);
        var data = new cn.henan.skillshub.events.TrainingCompleted(enrolmentNo, personKey, "410***********123X",
                "1990-05", "BJ-console", "郑州大学", "410100", "2-02-10-09", cn.henan.skillshub.reference.Level.JUNIOR,
                cn.henan.skillshub.events.PaymentMode.INSTITUTION_ADVANCE, java.time.LocalDate.of(2025, 5, 10),
                java.time.LocalDate.of(2025, 6, 10), "PX-console-" + personKey.substring(3, 15),
                java.math.BigDecimal.valueOf(16), java.math.BigDecimal.valueOf(48), java.math.BigDecimal.valueOf(64),
                null, java.util.Set.of());
        String source = "/sources/console-tests";
        String subject = "completion/" + enrolmentNo;
        var event = new cn.henan.skillshub.events.CanonicalEvent(cn.henan.skillshub.events.EventType.TRAINING_COMPLETED,
                cn.henan.skillshub.events.CanonicalEvent.idOf(source, subject, "1"), source, subject,
                java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC), personKey, data);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(java.util.Map.of(
                "bootstrap.servers", bootstrapServers, "enable.idempotence", true, "acks", "all"),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(cn.henan.skillshub.events.EventEnvelope.toRecord(event)).get();
        }

        WebDriverWait wait = consoleWait();
        browser.get("http://127.0.0.1:" + port + "/ops");
        browser.findElement(By.id("api-key")).sendKeys(TestApiKeys.OPS);
        browser.findElement(By.id("sign-in-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("console")));
        assertThat(browser.findElement(By.cssSelector("#findings thead")).getText()).contains("机构 Institution");

        By finding = By.cssSelector("#findings tbody tr[data-rule='TRAINEE_LIST_NOT_REPORTED']");
        wait.until(ExpectedConditions.presenceOfElementLocated(finding));
        List<String> findings = wait.until(d -> d.findElements(finding).stream().map(WebElement::getText).toList());
        assertThat(findings).anySatisfy(text -> assertThat(text).contains("郑州大学").contains("五(二)"));
        wait.until(d -> !d.findElement(By.id("held-claims")).getText().equals("—"));
        assertThat(browser.findElement(By.id("findings-error")).getText()).isEmpty();
    }

    /**
     * The console redraws its tables every few seconds, so an element found a moment ago may be gone: every look at
     * a table is retried on a stale element until it holds or the wait ends.
     */
    private WebDriverWait consoleWait() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    private static void click(WebDriverWait wait, By row, String action) {
        wait.until(d -> {
            d.findElement(row).findElement(By.cssSelector("button[data-action='" + action + "']")).click();
            return true;
        });
    }

    private static String state(WebDriver driver, By row) {
        try {
            return driver.findElement(row).findElement(By.cssSelector("[data-role='state']")).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return "";
        }
    }
}
