package org.allocd.portal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.allocd.daemon.DaemonFixture;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven through Debian's chromium-driver (both from apt; .ci/run installs them): a real
 * browser with a fresh profile, headless, that talks to nobody but the portal.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Where the tests leave their screenshots (the README shows a few, copied to docs/portal/). */
    static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");

    final ChromeDriver driver;

    Browser(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=en-US",
                "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    }

    /** Skips the class where the browser is not installed, unless ALLOCD_BROWSER=required (CI) fails it. */
    static void assumeInstalled() {
        boolean required = "required".equals(System.getenv("ALLOCD_BROWSER"));
        Assumptions.assumeTrue(required || installed(), "chromium and chromium-driver are not installed"
                + " (apt-get install chromium chromium-driver); set ALLOCD_BROWSER=required to fail instead");
    }

    /** Closes the browser, then the daemon after its verify is clean; either may be null (skipped). */
    static void closeAll(Browser browser, DaemonFixture daemon) throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (daemon != null) {
            try {
                Assertions.assertTrue(daemon.verify().get("clean").asBoolean(), "verify after the browser tests");
            } finally {
                daemon.close();
            }
        }
    }

    void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The page's text as a person reads it. */
    String body() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Polls across a form's navigation: while the next page loads, its body may not exist yet. */
    void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!holds(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting; the page is: " + body());
            }
            Thread.sleep(100);
        }
    }

    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (NoSuchElementException | StaleElementReferenceException loading) {
            return false;
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
