package com.marketplace.refunds.stuck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.marketplace.refunds.stuck.internal.web.SupportWebConfiguration;
import com.marketplace.refunds.support.TestDatabase;

/**
 * The four eyes in a real browser: a support person asks for a reissue of a failed refund from the
 * stuck list, cannot approve it, and a finance person approves it and sees it waiting for the next
 * nightly run; what the database recorded is read from the database.
 */
// the site stops with the class (its pool, its threads, Tomcat's folder), not when the fork ends
@DirtiesContext
@SpringBootTest(classes = SupportWebConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SupportActionsBrowserTests {

    private static final String DATABASE = SupportSiteFixture.create(SupportActionsBrowserTests.class.getSimpleName());
    private static final JdbcClient DB = JdbcClient.create(new DriverManagerDataSource(DATABASE, TestDatabase.USER, ""));

    @LocalServerPort
    int port;

    @TempDir
    Path profile;

    @TempDir
    Path downloads;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @DynamicPropertySource
    static void siteRole(DynamicPropertyRegistry registry) {
        registry.add("refunds.support.datasource.url", () -> DATABASE);
        registry.add("refunds.support.datasource.username", () -> SupportSiteFixture.READER);
    }

    @BeforeEach
    void startBrowser() {
        browser = Chromium.start(profile, downloads);
        wait = new WebDriverWait(browser, Chromium.WAIT);
    }

    @AfterEach
    void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void supportAsksForAReissueFromTheStuckListAndFinanceApprovesItForTheNextRun() {
        // given support signed in on the stuck list
        signIn("support", SupportSiteFixture.PASSWORD, "count");
        assertThat(text("signed-in")).isEqualTo("Signed in as support (SUPPORT)");

        // when they follow "reissue" on the failed RF-4A, give a reason and ask
        click(By.cssSelector("tr[data-refund-id='RF-4A'] a[data-action='reissue']"));
        assertThat(text("refund-id")).isEqualTo("RF-4A");
        assertThat(browser.findElement(By.id("action-reissue")).isSelected()).isTrue();
        browser.findElement(By.id("reason")).sendKeys("Bank returned it: card closed; buyer gave a new card");
        click(By.id("request-submit"));

        // then the request is recorded as theirs, waiting for finance
        long id = DB.sql("SELECT request_id FROM action_request WHERE refund_id = 'RF-4A'").query(Long.class).single();
        assertThat(text("requested")).startsWith("Request " + id + " is recorded.");
        assertThat(status(id)).isEqualTo("REQUESTED by support");

        // and support cannot approve it: the requests page offers them no approval
        click(By.id("nav-requests"));
        WebElement asked = browser.findElement(By.cssSelector("#to-decide tr[data-request-id='" + id + "']"));
        assertThat(asked.getText()).contains("reissue", "RF-4A", "support", "Bank returned it",
                "Pays 99.99 USD again as a new PAYPAL refund of order O-4", "A finance person decides it");
        assertThat(browser.findElements(By.id("approve-" + id))).isEmpty();
        click(By.id("sign-out"));

        // when a finance person signs in, opens the requests and approves it with a reason
        browser.get(url("/support/requests"));
        signIn("finance", SupportSiteFixture.FINANCE_PASSWORD, "to-decide");
        assertThat(text("signed-in")).isEqualTo("Signed in as finance (FINANCE)");
        browser.findElement(By.id("reason-" + id)).sendKeys("Checked the bank's return code");
        click(By.id("approve-" + id));

        // then it is approved by them and waits for the next nightly run to apply it
        assertThat(text("decided")).isEqualTo("Request " + id + " is APPROVED.");
        assertThat(browser.findElements(By.cssSelector("#to-decide tr[data-request-id='" + id + "']"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#to-apply tr[data-request-id='" + id + "']")).getText())
                .contains("RF-4A", "finance", "Checked the bank's return code");
        assertThat(status(id)).isEqualTo("APPROVED by finance");
        click(By.linkText("RF-4A"));
        assertThat(browser.findElement(By.cssSelector("#actions tr[data-request-id='" + id + "']")).getText())
                .contains("APPROVED", "support", "finance", "Checked the bank's return code");
        assertThat(text("pending-request")).contains("Request " + id + " on this refund is APPROVED");
    }

    private void signIn(String name, String password, String landingElement) {
        if (browser.getCurrentUrl() == null || !browser.getCurrentUrl().contains("/login")) {
            browser.get(url("/support/stuck-refunds"));
        }
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(landingElement)));
    }

    private void click(By what) {
        Chromium.clickAndWaitForTheNextPage(browser, what);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static String status(long id) {
        return DB.sql("SELECT status || ' by ' || coalesce(decided_by, requested_by) FROM action_request "
                + "WHERE request_id = ?").param(id).query(String.class).single();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
