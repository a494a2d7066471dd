package com.marketplace.refunds.stuck;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless chromium through its chromedriver, as the browser tests of the site drive it. */
final class Chromium {

    static final Duration WAIT = Duration.ofSeconds(10);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** A fresh browser with its own profile; downloads go to {@code downloads}; an alert stays open for the test. */
    static ChromeDriver start(Path profile, Path downloads) {
        for (Path needed : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(needed)) {
                fail(needed + " is missing: this test drives a real browser; install Debian's chromium and "
                        + "chromium-driver; .ci/run does");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        // an alert a page opens stays open, so the test sees it instead of WebDriver dismissing it
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /**
     * Clicks and waits until a new document has replaced the page and finished loading, or until the new
     * page opened an alert (which the test then sees instead of an "unexpected alert open" error).
     */
    static void clickAndWaitForTheNextPage(ChromeDriver browser, By what) {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(what).click();
        new WebDriverWait(browser, WAIT).until(driver -> alertIsOpen(browser)
                || (replaced(page) && "complete".equals(browser.executeScript("return document.readyState"))));
    }

    /**
     * Whether the element's document is no longer the page's. While the old document is being swapped
     * out, Chromium may answer neither "stale" nor with the element but "Node with given id does not
     * belong to the document" (once in a suite run of 1,099 tests): not yet known, so the wait asks again.
     */
    private static boolean replaced(WebElement page) {
        try {
            page.isEnabled();
            return false;
        }
        catch (StaleElementReferenceException | NoSuchElementException e) { // as ExpectedConditions.stalenessOf
            return true;
        }
        catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return false;
            }
            throw e;
        }
    }

    static boolean alertIsOpen(ChromeDriver browser) {
        try {
            browser.switchTo().alert();
            return true;
        }
        catch (NoAlertPresentException e) {
            return false;
        }
    }
}
