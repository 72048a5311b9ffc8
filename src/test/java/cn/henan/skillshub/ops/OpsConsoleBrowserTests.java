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
 * load /ops, sign in with an OPS key, see the sources, pause one, see it paused, resume it.
 */
@HubIntegrationTest
class OpsConsoleBrowserTests {

    private static final String SOURCE = "realname-training.classes";

    @LocalServerPort
    int port;
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
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
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
        List<String> shown = browser.findElements(By.cssSelector("#sources tbody tr")).stream()
                .map(r -> r.getAttribute("data-source")).toList();
        assertThat(shown).contains("realname-training.classes", "realname-training.enrolments",
                "realname-training.hours", "realname-training.completions");
        wait.until(d -> state(d, row).equals("running"));

        browser.findElement(row).findElement(By.cssSelector("button[data-action='pause']")).click();

        wait.until(d -> state(d, row).equals("paused"));
        WebElement resume = browser.findElement(row).findElement(By.cssSelector("button"));
        assertThat(resume.getAttribute("data-action")).isEqualTo("resume");
        resume.click();
        wait.until(d -> state(d, row).equals("running"));
    }

    private static String state(WebDriver driver, By row) {
        try {
            return driver.findElement(row).findElement(By.cssSelector("[data-role='state']")).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return "";
        }
    }
}
