package io.jenkins.plugins.buildkit.acceptance;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium driven by Debian's chromedriver, headless. Both paths are given explicitly, so
 * Selenium Manager never looks for (or downloads) a browser or driver of its own.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("acceptance.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("acceptance.chromedriver", "/usr/bin/chromedriver"));

    private final ChromeDriverService service;
    final ChromeDriver driver;
    private final Path screenshots;
    private final String baseUrl;
    /** Shared by every browser of the run, so that the screenshots of a restarted browser follow the others. */
    private static final java.util.concurrent.atomic.AtomicInteger SHOTS = new java.util.concurrent.atomic.AtomicInteger();
    private int shot;

    Browser(String baseUrl, Path screenshots, Path driverLog) throws IOException {
        this.baseUrl = baseUrl;
        this.screenshots = screenshots;
        Files.createDirectories(screenshots);
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        // no usage statistics, no driver lookup: the binaries are given
        System.setProperty("SE_AVOID_STATS", "true");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(driverLog.toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1100", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--password-store=basic",
                // a profile of this browser's own: a second browser (after the restart) must not meet the first one's
                "--user-data-dir=" + driverLog.resolveSibling(driverLog.getFileName() + ".profile"));
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    /** Waits (bounded) until {@code condition} answers non-null and non-false; the failure names {@code what}. */
    <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, timeout, Duration.ofMillis(200)).withMessage(what).until(condition);
        } catch (TimeoutException e) {
            screenshot("timeout");
            savePage("timeout");
            throw e;
        }
    }

    WebElement visible(String what, SearchContext in, By by) {
        return await(what, Duration.ofSeconds(30), d -> {
            for (WebElement e : in.findElements(by)) {
                if (e.isDisplayed()) {
                    return e;
                }
            }
            return null;
        });
    }

    /** The displayed elements of {@code by} in {@code in}. */
    static List<WebElement> displayed(SearchContext in, By by) {
        return in.findElements(by).stream().filter(WebElement::isDisplayed).toList();
    }

    void scrollTo(WebElement e) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", e);
    }

    /** Clicks as a user does, after bringing the element into view (Jenkins' sticky footer covers the bottom). */
    void click(WebElement e) {
        scrollTo(e);
        try {
            e.click();
        } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
            ((JavascriptExecutor) driver).executeScript("arguments[0].click();", e);
        }
    }

    void type(WebElement e, String text) {
        scrollTo(e);
        e.clear();
        e.sendKeys(text);
    }

    /** A PNG under target/screenshots, numbered in the order taken. */
    Path screenshot(String name) {
        try {
            File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path to = screenshots.resolve(String.format("%02d-%s.png", shot = SHOTS.incrementAndGet(), name));
            Files.copy(png.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
            return to;
        } catch (IOException | RuntimeException e) {
            System.out.println("[acceptance] screenshot " + name + " failed: " + e);
            return null;
        }
    }

    /** Also the page's HTML next to the screenshot, for a failure's post-mortem. */
    void savePage(String name) {
        try {
            Files.writeString(screenshots.resolve(String.format("%02d-%s.html", shot, name)), driver.getPageSource());
        } catch (IOException | RuntimeException e) {
            System.out.println("[acceptance] page source " + name + " not saved: " + e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } catch (RuntimeException e) {
            System.out.println("[acceptance] closing the browser: " + e);
        }
        service.stop();
    }
}
