package com.marketplace.refunds.stuck;

import static com.marketplace.refunds.stuck.SupportSiteFixture.D;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.marketplace.refunds.stuck.internal.web.SupportWebConfiguration;

/**
 * The support pages in a real browser (Debian's headless chromium through its chromedriver) against a
 * real server and database: signing in, filtering, paging, totals, the CSV download, a refund's detail,
 * and a script typed into a filter. Pages hold 3 rows, so the CARD filter fills page 1 of 2.
 */
// the site stops with the class (its pool, its threads, Tomcat's folder), not when the fork ends
@DirtiesContext
@SpringBootTest(classes = SupportWebConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "refunds.support.page-size=3")
class SupportPageBrowserTests {

    private static final String DATABASE = SupportSiteFixture.create(SupportPageBrowserTests.class.getSimpleName());
    private static final Duration WAIT = Chromium.WAIT;
    private static final String SCRIPT = "<script>alert(1)</script>";

    /** The fixture's CARD refunds stuck as of D, oldest first; all three were already stuck at D-1. */
    private static final String CARD_PAGE_1_CSV = """
            refund_id,refund_key,order_id,store_id,buyer_id,payment_method,currency,amount,status,approved_on,age_days,reason,first_flagged_on
            RF-1C,CANCEL:RF-1C,O-1,S-ACME,B-1,CARD,USD,5.00,WAITING_REFUND,2026-12-17,45,NEVER_SENT,2027-01-30
            RF-3A,CANCEL:RF-3A,O-3,S-SHADY,B-3,CARD,JPY,1500,WAITING_REFUND,2026-12-22,40,NEVER_SENT,2027-01-30
            RF-3B,CANCEL:RF-3B,O-3,S-SHADY,B-3,CARD,JPY,250,REFUND_PROCESSING,2026-12-30,32,NO_CONFIRMATION,2027-01-30
            """;

    @LocalServerPort
    int port;

    @TempDir
    Path profile;

    @TempDir
    Path downloads;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @DynamicPropertySource
    static void readOnlyRole(DynamicPropertyRegistry registry) {
        registry.add("refunds.support.datasource.url", () -> DATABASE);
        registry.add("refunds.support.datasource.username", () -> SupportSiteFixture.READER);
    }

    @BeforeEach
    void startBrowser() {
        browser = Chromium.start(profile, downloads);
        wait = new WebDriverWait(browser, WAIT);
    }

    @AfterEach
    void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anUnsignedVisitorIsSentToSignInAndThenSeesEveryStuckRefund() {
        // given a visitor who has not signed in
        // when they open the stuck list
        browser.get(url("/support/stuck-refunds"));

        // then they are sent to sign in first
        assertThat(URI.create(browser.getCurrentUrl()).getPath()).isEqualTo("/login");

        // and when they sign in with the support account
        signIn();

        // then they are back on the stuck list, showing all seven refunds stuck as of the last completed run
        assertThat(URI.create(browser.getCurrentUrl()).getPath()).isEqualTo("/support/stuck-refunds");
        assertThat(text("count")).isEqualTo("7 stuck refunds as of " + D);
        assertThat(refundIds()).containsExactly("RF-4A", "RF-2A", "RF-1C");
        assertThat(text("page")).isEqualTo("Page 1 of 3");
        assertThat(totals()).containsExactly("EUR 2 27.50", "JPY 2 1750", "USD 3 117.29");
    }

    @Test
    void filteringByCardShowsItsFirstPageTheTotalsOfEveryPageAndDownloadsExactlyThoseRows() throws IOException {
        // given support signed in, on the full list
        openSignedIn();

        // when they choose CARD and filter
        new Select(browser.findElement(By.id("paymentMethod"))).selectByValue("CARD");
        clickAndWaitForTheNextPage(By.id("filter"));

        // then the first page shows the three oldest CARD refunds, with the count and totals of both pages
        assertThat(text("count")).isEqualTo("4 stuck refunds as of " + D);
        assertThat(refundIds()).containsExactly("RF-1C", "RF-3A", "RF-3B");
        assertThat(rowCells("RF-1C")).containsExactly("RF-1C", "O-1", "S-ACME", "B-1", "CARD", "USD", "5.00",
                "WAITING_REFUND", "2026-12-17", "45", "NEVER_SENT", "2027-01-30",
                "RF-1D REFUNDED 7.00 USD; RF-1B REFUND_PROCESSING 12.30 USD; RF-1A REFUND_PROCESSING 10.00 USD");
        assertThat(text("page")).isEqualTo("Page 1 of 2");
        assertThat(totals()).containsExactly("JPY 2 1750", "USD 2 17.30");
        assertThat(new Select(browser.findElement(By.id("paymentMethod"))).getFirstSelectedOption().getText())
                .isEqualTo("CARD");

        // when they download these rows
        browser.findElement(By.id("download-page")).click();

        // then the file holds the header and exactly the three rows shown, in the same order
        Path csv = awaitDownload("stuck-refunds-" + D + "-page-1.csv");
        assertThat(Files.readString(csv, StandardCharsets.UTF_8)).isEqualTo(CARD_PAGE_1_CSV);
    }

    @Test
    void aRefundsLinkOpensItsStatusWhyItIsStuckAndItsHistory() {
        // given support signed in, looking at the CARD refunds
        openSignedIn();
        new Select(browser.findElement(By.id("paymentMethod"))).selectByValue("CARD");
        clickAndWaitForTheNextPage(By.id("filter"));

        // when they click RF-3A
        clickAndWaitForTheNextPage(By.linkText("RF-3A"));

        // then they see RF-3A: never sent, stuck since D-1, and the one change of its history
        assertThat(URI.create(browser.getCurrentUrl()).getPath()).isEqualTo("/support/refunds/RF-3A");
        assertThat(text("refund-id")).isEqualTo("RF-3A");
        assertThat(text("amount")).isEqualTo("1500 JPY");
        assertThat(text("status")).isEqualTo("WAITING_REFUND");
        assertThat(text("stuck")).startsWith("NEVER_SENT, flagged since 2027-01-30: ")
                .contains("Approved but never sent to the processor");
        List<WebElement> history = browser.findElements(By.cssSelector("#history tbody tr"));
        assertThat(history).hasSize(1);
        List<String> change = cells(history.get(0));
        assertThat(change.get(1)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC");
        assertThat(List.of(change.get(0), change.get(2), change.get(3), change.get(4), change.get(5)))
                .containsExactly("2026-12-22", "", "WAITING_REFUND", "100", "APPROVED CANCELLATION CANCEL:RF-3A");
    }

    @Test
    void aScriptTypedIntoTheStoreFieldIsRefusedAndShownOnlyAsText() {
        // given support signed in, on the full list
        openSignedIn();

        // when they type a script into the Store field and filter
        browser.findElement(By.id("store")).sendKeys(SCRIPT);
        clickAndWaitForTheNextPage(By.id("filter"));

        // then no script ran, the problem is told, the field keeps what was typed as text, and no list is shown
        assertThatExceptionOfType(NoAlertPresentException.class).as("an alert is open: the typed script ran")
                .isThrownBy(() -> browser.switchTo().alert());
        assertThat(text("problems")).contains("Store must be an id: 1 to 64 letters, digits, '.', '_' or '-'")
                .doesNotContain(SCRIPT);
        assertThat(browser.findElement(By.id("store")).getDomProperty("value")).isEqualTo(SCRIPT);
        assertThat(browser.findElements(By.id("count"))).isEmpty();
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(SCRIPT);
    }

    private void openSignedIn() {
        browser.get(url("/support/stuck-refunds"));
        signIn();
        assertThat(text("count")).isEqualTo("7 stuck refunds as of " + D);
    }

    private void signIn() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("support");
        browser.findElement(By.id("password")).sendKeys(SupportSiteFixture.PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("count")));
    }

    private void clickAndWaitForTheNextPage(By what) {
        Chromium.clickAndWaitForTheNextPage(browser, what);
    }

    /** Polls the download folder until the file is there, complete (no partial download left). */
    private Path awaitDownload(String name) {
        Path file = downloads.resolve(name);
        return new WebDriverWait(browser, WAIT)
                .withMessage(() -> "no complete " + name + " in " + downloads + "; it holds " + listing())
                .until(driver -> Files.isRegularFile(file) && partialDownloads().isEmpty() ? file : null);
    }

    private List<String> partialDownloads() {
        return listing().stream().filter(f -> f.endsWith(".crdownload") || f.startsWith(".com.google")).toList();
    }

    private List<String> listing() {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private List<String> refundIds() {
        return browser.findElements(By.cssSelector("tr[data-refund-id]")).stream()
                .map(row -> row.getDomAttribute("data-refund-id")).toList();
    }

    private List<String> rowCells(String refundId) {
        return cells(browser.findElement(By.cssSelector("tr[data-refund-id='" + refundId + "']")));
    }

    /** The totals table, a row per currency as "currency refunds total". */
    private List<String> totals() {
        List<String> rows = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#totals tr[data-currency]"))) {
            rows.add(String.join(" ", cells(row)));
        }
        return rows;
    }

    /** A row's cells as text, but the actions a person may ask for (SupportActionsBrowserTests). */
    private static List<String> cells(WebElement row) {
        return row.findElements(By.cssSelector("td:not(.act)")).stream().map(WebElement::getText).toList();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
