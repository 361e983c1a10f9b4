package dev.tributary.standalone;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * A headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driving the admin console, with a
 * screenshot of each page it is asked for under {@code target/screenshots/}.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final String consoleUrl;
    final WebDriver driver;

    private ConsoleBrowser(String consoleUrl, boolean javaScript) {
        this.consoleUrl = consoleUrl;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(firstExisting("/usr/bin/chromium", "/usr/bin/chromium-browser"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=en-US");
        if (!javaScript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(firstExisting("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"))).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    static ConsoleBrowser open(String consoleUrl) {
        return new ConsoleBrowser(consoleUrl, true);
    }

    static ConsoleBrowser withoutJavaScript(String consoleUrl) {
        return new ConsoleBrowser(consoleUrl, false);
    }

    private static String firstExisting(String... paths) {
        for (String path : paths) {
            if (Files.exists(Path.of(path))) {
                return path;
            }
        }
        throw new IllegalStateException("Install chromium and chromium-driver (apt-get install -y chromium chromium-driver): none of "
                + String.join(", ", paths));
    }

    ConsoleBrowser go(String path) {
        driver.get(consoleUrl + path);
        return this;
    }

    /** Logs in through the login form; lands on the overview when the password is right. */
    ConsoleBrowser login(String user, String password) {
        go("/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        // a click does not wait for the page it submits to: the login page's own URL is left either way
        await().atMost(Duration.ofSeconds(30)).until(() -> !driver.getCurrentUrl().equals(consoleUrl + "/login"));
        return this;
    }

    /** Clicks what leads to another URL and waits until the browser is there: a click may return before it leaves. */
    ConsoleBrowser follow(By by) {
        String before = driver.getCurrentUrl();
        driver.findElement(by).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> !driver.getCurrentUrl().equals(before));
        return this;
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
