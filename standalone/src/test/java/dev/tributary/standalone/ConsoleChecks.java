package dev.tributary.standalone;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin console in a browser on the running standalone with the Townsend demo: the walk-through and the
 * role, login and validation checks. {@link StandaloneDemoIT} runs them, sharing its one standalone.
 */
final class ConsoleChecks {

    static final String MARKETER = ConsoleUsers.DEMO_MARKETER;
    static final String VIEWER = ConsoleUsers.DEMO_VIEWER;
    static final String CONSOLE_SEGMENT = "Console: won over $1M and saw the new product page";
    static final String CONSOLE_LIST = "Console: won over $1M";
    private static final Duration WITHIN = Duration.ofSeconds(60);

    private ConsoleChecks() {
    }

    /** Looks up Townsend, builds the seed's segment, reads why p2 is in, activates it to Marketo 1, stops it again. */
    static void marketerWalkThrough(String consoleUrl, String seedQuery, String marketoDestination) {
        try (ConsoleBrowser browser = ConsoleBrowser.open(consoleUrl)) {
            browser.login(MARKETER, MARKETER);
            assertThat(browser.path()).isEqualTo("/");
            browser.screenshot("overview");

            browser.go("/profiles");
            browser.find(By.id("q")).sendKeys("p2@townsend.com");
            browser.follow(By.cssSelector("form[role=search] button"));
            browser.follow(By.partialLinkText("Person "));
            assertThat(browser.text()).contains("p2@townsend.com");
            browser.screenshot("person");
            browser.follow(By.cssSelector("main table a[href*='/profiles/accounts/']"));
            assertThat(browser.find(By.id("won-total")).getText()).isEqualTo("1,100,000");
            List<String> sources = browser.driver.findElements(By.cssSelector("#source-accounts tbody tr")).stream()
                    .map(WebElement::getText).toList();
            assertThat(sources).hasSize(5);
            assertThat(sources).filteredOn(row -> row.contains("MDM")).hasSize(1);
            assertThat(sources).filteredOn(row -> !row.contains("MDM")).hasSize(4);
            browser.screenshot("account");

            browser.go("/segments/new");
            browser.find(By.id("name")).sendKeys(CONSOLE_SEGMENT);
            browser.find(By.id("query")).sendKeys(seedQuery);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(browser.find(By.id("preview-count")).getText()).isEqualTo("1"));
            assertThat(browser.find(By.id("preview-result")).getText()).contains("p2@townsend.com");
            browser.screenshot("segment-builder");
            browser.follow(By.id("save-segment"));
            String segmentPath = browser.path();
            assertThat(segmentPath).matches("/segments/[^/]+");
            await().atMost(WITHIN).until(() -> browser.go(segmentPath).text().contains("p2@townsend.com"));
            browser.screenshot("segment");

            browser.follow(By.partialLinkText("Why p2@townsend.com is in"));
            String explanation = browser.find(By.id("explanation")).getText();
            assertThat(explanation).contains("$200,000", "$900,000", "/products/new");
            browser.screenshot("explanation");

            browser.go("/activations");
            new Select(browser.find(By.id("segmentId"))).selectByVisibleText(CONSOLE_SEGMENT + " (person)");
            new Select(browser.find(By.id("destinationId"))).selectByVisibleText(marketoDestination + " (marketo-static-list)");
            browser.find(By.id("listName")).sendKeys(CONSOLE_LIST);
            browser.follow(By.id("activate"));
            String activationPath = browser.path();
            assertThat(activationPath).matches("/activations/[^/]+");
            await().atMost(WITHIN).until(() -> browser.go(activationPath).find(By.id("delivered")).getText().equals("1"));
            assertThat(browser.find(By.id("failed")).getText()).isEqualTo("0");
            browser.screenshot("activation");
            browser.go("/activations");
            browser.screenshot("activations");

            // the demo's own tests count Marketo 1's leads: this activation must not follow the later changes
            browser.go(activationPath);
            browser.find(By.xpath("//button[text()='Stop']")).click();
            await().atMost(WITHIN).until(() -> browser.go(activationPath).find(By.id("activation-status")).getText().equals("stopped"));
        }
    }

    static void viewerCannotCreateASegment(String consoleUrl) {
        try (ConsoleBrowser browser = ConsoleBrowser.open(consoleUrl)) {
            browser.login(VIEWER, VIEWER);
            browser.go("/segments");
            assertThat(browser.driver.findElements(By.id("new-segment"))).isEmpty();
            browser.go("/segments/new");
            assertThat(browser.find(By.id("denied")).getText()).contains("does not allow");
            browser.screenshot("viewer-denied");
        }
    }

    static void wrongPasswordIsRefused(String consoleUrl) {
        try (ConsoleBrowser browser = ConsoleBrowser.open(consoleUrl)) {
            browser.login(MARKETER, "not-the-password");
            assertThat(browser.find(By.id("login-error")).getText()).contains("Wrong user name or password");
            browser.go("/segments");
            assertThat(browser.path()).isEqualTo("/login");
            browser.screenshot("login-refused");
        }
    }

    /** Saving a rule the language refuses shows the error under the rule, a caret under its column; nothing is kept. */
    static void badQueryShowsItsPosition(String consoleUrl) {
        try (ConsoleBrowser browser = ConsoleBrowser.open(consoleUrl)) {
            browser.login(MARKETER, MARKETER);
            browser.go("/segments/new");
            browser.find(By.id("name")).sendKeys("Console: a rule with a mistake");
            ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                    "document.getElementById('query').value = arguments[0]", "sum(accounts.opportunities.amount where isWon = true) > > 5");
            browser.follow(By.id("save-segment"));

            assertThat(browser.path()).isEqualTo("/segments");
            String error = browser.find(By.id("query-error")).getText();
            Matcher position = Pattern.compile("Line 1, column (\\d+)").matcher(error);
            assertThat(position.find()).as(error).isTrue();
            int column = Integer.parseInt(position.group(1));
            String[] shown = browser.find(By.cssSelector("#query-error pre")).getAttribute("textContent").split("\n");
            assertThat(shown[1].indexOf('^')).isEqualTo(column - 1);
            assertThat(browser.find(By.id("query")).getAttribute("value")).contains("> > 5");
            browser.screenshot("segment-error");
        }
    }

    /** Reading works without a script: the members of a segment and why one of them is in. */
    static void readsWithoutJavaScript(String consoleUrl, String segmentId) {
        try (ConsoleBrowser browser = ConsoleBrowser.withoutJavaScript(consoleUrl)) {
            browser.login(VIEWER, VIEWER);
            browser.go("/segments/" + segmentId);
            assertThat(browser.find(By.id("members")).getText()).contains("p2@townsend.com");
            browser.follow(By.partialLinkText("Why p2@townsend.com is in"));
            assertThat(browser.find(By.id("explanation")).getText()).contains("$900,000");
            browser.screenshot("explanation-without-javascript");
        }
    }

    /** The Sources page lists the demo's connector sources with their last run; a source's page shows its runs. */
    static void demoSources(String consoleUrl, String adminPassword, List<String> sourceNames) {
        try (ConsoleBrowser browser = ConsoleBrowser.open(consoleUrl)) {
            browser.login("admin", adminPassword);
            browser.go("/sources");
            List<String> rows = browser.driver.findElements(By.cssSelector("#sources tbody tr")).stream()
                    .map(WebElement::getText).toList();
            for (String name : sourceNames) {
                assertThat(rows).as(name).filteredOn(row -> row.startsWith(name + " ")).singleElement().asString()
                        .contains("PT15M").contains("succeeded");
            }
            browser.screenshot("sources");
            browser.follow(By.linkText(sourceNames.get(2)));
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo(sourceNames.get(2));
            List<String> runs = browser.driver.findElements(By.cssSelector("#runs tbody tr")).stream()
                    .map(WebElement::getText).toList();
            assertThat(runs).isNotEmpty().anySatisfy(run -> assertThat(run).contains("succeeded"));
            assertThat(browser.text()).contains("clientSecret").doesNotContain(TownsendDemo.CRM_CLIENT_SECRET);
            browser.screenshot("source");
        }
    }

    /** The admin's pages, for their screenshots and for answering at all. */
    static void adminPages(String consoleUrl, String adminPassword) {
        try (ConsoleBrowser browser = ConsoleBrowser.open(consoleUrl)) {
            browser.login("admin", adminPassword);
            for (String page : List.of("sources", "api-keys", "destinations/new", "sources/new")) {
                browser.go("/" + page);
                assertThat(browser.find(By.tagName("h1")).getText()).isNotBlank();
                browser.screenshot(page.replace('/', '-'));
            }
            assertThat(browser.go("/api-keys").text()).contains("admin-console");
        }
    }
}
