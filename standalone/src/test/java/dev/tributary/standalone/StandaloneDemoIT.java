package dev.tributary.standalone;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.tributary.emulators.CallStats;
import dev.tributary.emulators.linkedin.LinkedInHandle;
import dev.tributary.emulators.marketo.MarketoHandle;
import dev.tributary.emulators.salesforce.SalesforceHandle;
import dev.tributary.xdm.json.XdmJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's run command, end to end: every service in one JVM, the demo loaded through the APIs and activated to
 * the emulated Marketo 1 and LinkedIn. The tests that change who is in the seed's segment run last, in order
 * ({@link Order}); every other test sees p2 as its only member.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneDemoIT {

    /** After the tests without {@link Order} ({@link Order#DEFAULT}), which expect the demo as it loaded. */
    private static final int CHANGES_MEMBERSHIP = Order.DEFAULT + 1;
    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final String CONSOLE_ADMIN_PASSWORD = "console-test-admin";

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    /** The loggers the standalone's own logback.xml quiets; everything else logs at INFO there. */
    private static final List<String> QUIET = List.of("org.apache.kafka", "kafka", "state.change.logger", "io.zonky");

    @TempDir
    static Path data;

    static TributaryStandalone standalone;
    static String segmentId;
    static TownsendDemo.Loaded demo;
    static ListAppender<ILoggingEvent> logs;
    static final Map<String, Level> testLevels = new HashMap<>();

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startWithDemo() throws Exception {
        StandaloneOptions options = StandaloneOptions.parse(new String[]{"--demo", "--data-dir=" + data}, Map.of(
                "CDP_API_TOKEN", "standalone-test-token",
                "CDP_INGESTION_PORT", String.valueOf(freePort()),
                "CDP_PROFILE_PORT", String.valueOf(freePort()),
                "CDP_SEGMENTATION_PORT", String.valueOf(freePort()),
                "CDP_ACTIVATION_PORT", String.valueOf(freePort()),
                "CDP_EMULATORS_PORT", String.valueOf(freePort()),
                "CDP_CONSOLE_PORT", String.valueOf(freePort()),
                "CDP_CONSOLE_ADMIN_PASSWORD", CONSOLE_ADMIN_PASSWORD));
        standalone = new TributaryStandalone(options);
        standalone.start(new String[0]);
        // after the services started: the first of them configured Logback, which drops appenders added before
        captureLogsAtTheStandalonesLevels();
        demo = new TownsendDemo(standalone.baseUrls(), standalone.apiToken(), standalone.emulators(), data).load();
        segmentId = demo.segmentId();
    }

    /** Root at INFO as in the standalone's logback.xml (this module's logback-test.xml logs WARN only). */
    private static void captureLogsAtTheStandalonesLevels() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : concat(List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.tributary", "org.apache.zookeeper"), QUIET)) {
            testLevels.put(name, context.getLogger(name).getLevel());
        }
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        context.getLogger("dev.tributary").setLevel(null);
        context.getLogger("org.apache.zookeeper").setLevel(null);
        QUIET.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
        logs = new ListAppender<>();
        logs.setContext(context);
        logs.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
    }

    @AfterAll
    static void stop() {
        try {
            if (standalone != null) {
                standalone.close();
            }
        } finally {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            if (logs != null) {
                context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
            }
            testLevels.forEach((name, level) -> context.getLogger(name).setLevel(level));
        }
    }

    @Test
    void shouldLogNoEmailAddressAtInfoOrAboveWhileTheTownsendDemoFlowsThroughEveryService() {
        // the flow's end: p2's membership, decided by streaming or by the segment's first evaluation
        await().atMost(Duration.ofSeconds(60)).until(
                () -> get(standalone.baseUrls().segmentation() + "/v1/segments/" + segmentId + "/members"),
                m -> m != null && m.get("items").size() == 1);
        List<ILoggingEvent> captured;
        synchronized (logs) {
            captured = new ArrayList<>(logs.list);
        }

        assertThat(captured).as("the capture saw the services log").isNotEmpty();
        assertThat(captured.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .filter(e -> EMAIL.matcher(e.getFormattedMessage()).find() || (e.getThrowableProxy() != null
                        && EMAIL.matcher(ThrowableProxyUtil.asString(e.getThrowableProxy())).find()))
                .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()))
                .isEmpty();
    }

    @Test
    void shouldAnswerEachServicesProbesWithoutAuthorizationAndItsOwnMetricsOnItsOwnPort() throws Exception {
        Map<String, String> services = Map.of("ingestion-service", standalone.baseUrls().ingestion(),
                "profile-service", standalone.baseUrls().profile(),
                "segmentation-service", standalone.baseUrls().segmentation());
        for (Map.Entry<String, String> service : services.entrySet()) {
            HttpResponse<String> readiness = await().atMost(Duration.ofSeconds(60)).until(
                    () -> getWithoutToken(service.getValue() + "/actuator/health/readiness"), r -> r.statusCode() == 200);
            assertThat(readiness.body()).as(service.getKey()).contains("\"status\":\"UP\"");
            assertThat(getWithoutToken(service.getValue() + "/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(getAsAdmin(service.getValue() + "/actuator/prometheus").body()).as(service.getKey())
                    .contains("application=\"" + service.getKey() + "\"")
                    .doesNotContain("application=\"" + (service.getKey().equals("profile-service") ? "ingestion-service" : "profile-service") + "\"");
        }
    }

    private HttpResponse<String> getWithoutToken(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Prometheus is for the admin scope; the bootstrap token has it. */
    private HttpResponse<String> getAsAdmin(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer standalone-test-token").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void shouldFindOnlyP2InTheSeedSegmentOfTheDemo() {
        JsonNode members = await().atMost(Duration.ofSeconds(60)).until(
                () -> get(standalone.baseUrls().segmentation() + "/v1/segments/" + segmentId + "/members"),
                m -> m != null && m.get("items").size() == 1);
        assertThat(members.get("items").get(0).get("email").asString()).isEqualTo("p2@townsend.com");
    }

    @Test
    void shouldKeepTheDataDirectoryUnderTheConfiguredPath() throws Exception {
        assertThat(data.resolve("postgres").resolve("PG_VERSION")).exists();
        assertThat(data.resolve("secrets.key")).isNotEmptyFile();
        assertThat(Files.getPosixFilePermissions(data.resolve("secrets.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void shouldKeepTheConsolesOwnAdminKeyInTheDataDirectoryReadableByItsOwnerOnly() throws Exception {
        Path file = data.resolve(ConsoleKeyFile.NAME);
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        HttpResponse<String> keys = http.send(HttpRequest.newBuilder(URI.create(standalone.baseUrls().segmentation() + "/v1/api-keys"))
                .header("Authorization", "Bearer " + Files.readString(file).trim()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(XdmJson.mapper().readTree(keys.body()).get("keys").valueStream()
                .filter(key -> key.get("name").asString().equals("admin-console"))
                .map(key -> key.get("scopes").toString())).containsExactly("[\"admin\"]");
    }

    @Test
    void shouldAnswerTheEmulatorsInspectionUrlsTheDemoPrints() throws Exception {
        String emulators = standalone.emulators().baseUrl();
        assertThat(getWithoutToken(emulators + "/_emulator/marketo/" + TownsendDemo.MARKETO_1).statusCode()).isEqualTo(200);
        assertThat(getWithoutToken(emulators + "/_emulator/linkedin").statusCode()).isEqualTo(200);
        // the demo's two; the console's browser test adds (and stops) one of its own
        assertThat(get(standalone.baseUrls().activation() + "/v1/activations").get("items").valueStream()
                .filter(a -> !ConsoleChecks.CONSOLE_LIST.equals(a.path("listName").asString()))).hasSize(2);
    }

    // ---- the admin console in a browser (ConsoleChecks), before the tests that change the membership ----

    @Test
    void shouldLetAMarketerFindTownsendBuildTheSeedSegmentSeeWhyP2IsInAndDeliverItToMarketoInTheConsole() {
        ConsoleChecks.marketerWalkThrough(standalone.consoleUrl(), TownsendDemo.SEED_QUERY, TownsendDemo.MARKETO_DESTINATION);
    }

    @Test
    void shouldRefuseAViewerTheSegmentBuilderInTheConsole() {
        ConsoleChecks.viewerCannotCreateASegment(standalone.consoleUrl());
    }

    @Test
    void shouldRefuseAWrongPasswordAtTheConsolesLogin() {
        ConsoleChecks.wrongPasswordIsRefused(standalone.consoleUrl());
    }

    @Test
    void shouldShowTheRulesErrorAtItsLineAndColumnWhenTheConsoleSavesABadSegment() {
        ConsoleChecks.badQueryShowsItsPosition(standalone.consoleUrl());
    }

    @Test
    void shouldShowMembersAndTheirExplanationInTheConsoleWithJavaScriptDisabled() {
        ConsoleChecks.readsWithoutJavaScript(standalone.consoleUrl(), segmentId);
    }

    @Test
    void shouldListTheFiveDemoSourcesWithTheirSucceededRunsInTheConsole() {
        ConsoleChecks.demoSources(standalone.consoleUrl(), CONSOLE_ADMIN_PASSWORD, TownsendDemo.SOURCE_NAMES);
    }

    @Test
    void shouldShowTheAdminsConsolePagesIncludingTheConsolesOwnKey() {
        ConsoleChecks.adminPages(standalone.consoleUrl(), CONSOLE_ADMIN_PASSWORD);
    }

    // ---- Townsend end to end, into the emulated Marketo 1 and LinkedIn ----

    @Test
    @Order(CHANGES_MEMBERSHIP)
    void shouldHoldExactlyP2sOwnMarketo1LeadAndHashedEmailOnceTheDemoIsActivated() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(staticListMembers()).containsExactly(102L);
            assertThat(userSegment()).containsExactly(sha256("p2@townsend.com"));
        });
        assertNoLimitBroken();
    }

    @Test
    @Order(CHANGES_MEMBERSHIP + 1)
    void shouldAddNewQualifyingPeopleWithin5sCreatingTheOneWhoIsNotYetAMarketoLeadOnce() throws Exception {
        // p4 has a Marketo 1 record whose lead Marketo 1 holds; p5 is in the CRM only, so no Marketo lead yet
        marketo().seedLead(104L, Map.of("email", "p4@townsend.com"));
        records(String.join("\n",
                person("104@mkto-1.Marketo", "1@mkto-1.Marketo", "p4@townsend.com"),
                person("003P5@crm-1.Salesforce", "001A1@crm-1.Salesforce", "p5@townsend.com")));
        for (String email : List.of("p4@townsend.com", "p5@townsend.com")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> get(standalone.baseUrls().profile()
                    + "/v1/persons?identity=email:" + email), Objects::nonNull);
        }

        pageView("104@mkto-1.Marketo");
        pageView("003P5@crm-1.Salesforce");

        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(staticListMembers()).containsExactlyInAnyOrder(102L, 104L, leadId("p5@townsend.com"));
            assertThat(userSegment()).containsExactlyInAnyOrder(sha256("p2@townsend.com"), sha256("p4@townsend.com"),
                    sha256("p5@townsend.com"));
        });
        assertThat(marketo().leads()).filteredOn(lead -> "p5@townsend.com".equals(lead.get("email"))).hasSize(1);
        assertNoLimitBroken();
    }

    @Test
    @Order(CHANGES_MEMBERSHIP + 2)
    void shouldDeliverTheAccountAudienceOfCompaniesThatWonOverAMillionToALinkedInCompanySegment() throws Exception {
        JsonNode segment = XdmJson.mapper().readTree(post(standalone.baseUrls().segmentation() + "/v1/segments",
                "application/json", "{\"name\":\"Companies that won over $1M\",\"audience\":\"account\",\"evaluation\":\"streaming\","
                        + "\"query\":\"sum(opportunities.amount where isWon = true) > 1000000\"}").body());
        await().atMost(Duration.ofSeconds(60)).until(() -> get(standalone.baseUrls().segmentation() + "/v1/segments/"
                + segment.get("id").asString() + "/members"), m -> m != null && m.get("items").size() == 1);

        HttpResponse<String> activation = post(standalone.baseUrls().activation() + "/v1/activations", "application/json",
                "{\"segmentId\":\"" + segment.get("id").asString() + "\",\"destinationId\":\"" + demo.linkedInDestinationId()
                        + "\",\"audienceName\":\"Won over $1M\"}");

        assertThat(activation.statusCode()).as(activation.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(linkedIn()
                .companies(TownsendDemo.LINKEDIN_AD_ACCOUNT, "Won over $1M"))
                .extracting(company -> company.get("companyWebsiteDomain")).containsExactly("townsend.com"));
        assertThat(linkedIn().segments()).filteredOn(s -> "Won over $1M".equals(s.get("name")))
                .extracting(s -> s.get("type")).containsExactly("COMPANY");
        assertNoLimitBroken();
    }

    @Test
    @Order(CHANGES_MEMBERSHIP + 3)
    void shouldRemoveP2FromTheListAndTheAudienceWithin5sWhenOpportunity2IsLost() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(staticListMembers()).contains(102L));

        records("{\"class\":\"opportunity\",\"data\":{\"opportunityKey\":\"opp-2001@crm-2.Dynamics\","
                + "\"accountKey\":\"acc-2001@crm-2.Dynamics\",\"opportunityName\":\"Opportunity 2\",\"opportunityStage\":\"Closed Lost\","
                + "\"isWon\":false,\"isClosed\":true,\"opportunityAmount\":{\"amount\":900000,\"currencyCode\":\"USD\"},"
                + "\"extSourceSystemAudit\":{\"lastUpdatedDate\":\"2026-11-01T09:00:00Z\"}}}");

        // $200,000 won is left: nobody at Townsend qualifies any more, p2 included
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(staticListMembers()).doesNotContain(102L);
            assertThat(userSegment()).doesNotContain(sha256("p2@townsend.com"));
        });
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(staticListMembers()).isEmpty();
            assertThat(userSegment()).isEmpty();
        });
        assertThat(marketo().leads()).filteredOn(lead -> "p5@townsend.com".equals(lead.get("email"))).hasSize(1);
        assertNoLimitBroken();
    }

    // ---- the scenario pulled through the five connector sources (issue 22) ----

    @Test
    void shouldPullTheTownsendScenarioFromTheFiveEmulatedSystemsIntoTheSameAccountPeopleAndTotalsAsPushingTheFile() throws Exception {
        List<JsonNode> pushed = townsendLines();
        Set<String> accountKeys = pushed.stream().filter(l -> l.get("class").asString().equals("account"))
                .map(l -> l.at("/data/accountKey").asString()).collect(Collectors.toSet());
        Set<String> emails = pushed.stream().filter(l -> l.get("class").asString().equals("person"))
                .map(l -> l.at("/data/workEmail/address").asString().trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        assertThat(demo.sourceIds()).containsOnlyKeys(TownsendDemo.SOURCE_NAMES);
        for (String source : demo.sourceIds().values()) {
            JsonNode runs = get(standalone.baseUrls().ingestion() + "/v1/sources/" + source + "/runs");
            assertThat(runs.get("items").valueStream().map(r -> r.get("status").asString())).as(source).contains("succeeded")
                    .doesNotContain("failed");
        }

        JsonNode account = townsend();

        assertThat(texts(account.get("fragments"), "sourceKey")).containsExactlyInAnyOrderElementsOf(accountKeys);
        assertThat(account.get("totals").get("wonAmount").decimalValue()).isEqualByComparingTo("1100000");
        assertThat(account.get("totals").get("opportunities").asInt()).isEqualTo(2);
        assertThat(texts(account.get("people"), "email")).containsExactlyInAnyOrderElementsOf(emails);
        JsonNode members = await().atMost(Duration.ofSeconds(60)).until(
                () -> get(standalone.baseUrls().segmentation() + "/v1/segments/" + segmentId + "/members"),
                m -> m != null && m.get("items").size() == 1);
        JsonNode p2 = members.get("items").get(0);
        assertThat(p2.get("email").asString()).isEqualTo("p2@townsend.com");
        JsonNode explanation = get(standalone.baseUrls().segmentation() + "/v1/segments/" + segmentId + "/members/"
                + p2.get("id").asString() + "/explanation");
        List<JsonNode> facts = explanation.get("parts").valueStream().flatMap(part -> part.get("facts").valueStream()).toList();
        assertThat(facts).filteredOn(f -> f.hasNonNull("amount")).extracting(f -> f.get("amount").decimalValue().intValue())
                .containsExactlyInAnyOrder(200_000, 900_000);
        // p2's page view is Marketo 1's Visit Webpage activity of lead 102, 20 days ago
        assertThat(facts).filteredOn(f -> f.toString().contains("/products/new")).singleElement()
                .satisfies(f -> assertThat(Instant.parse(f.get("at").asString()))
                        .isBetween(Instant.now().minus(21, ChronoUnit.DAYS), Instant.now().minus(19, ChronoUnit.DAYS)));
    }

    @Test
    @Order(CHANGES_MEMBERSHIP + 4)
    void shouldReadOnlyTheChangedOpportunityOnTheNextRunOfCrm1AndFollowItsAmountInTheWonTotal() throws Exception {
        String crm1 = pausedSource("CRM 1");
        BigDecimal wonBefore = townsend().get("totals").get("wonAmount").decimalValue();
        SalesforceHandle salesforce = standalone.emulators().salesforce(TownsendDemo.SALESFORCE);
        int callsBefore = salesforce.calls().size();

        salesforce.update("Opportunity", "006O1", Map.of("Amount", 250_000));
        JsonNode run = runToSuccess(crm1);

        assertThat(run.get("recordsRead").asInt()).isEqualTo(1);
        assertThat(run.get("recordsPublished").asInt()).isEqualTo(1);
        // the streams the first run published from read on from their cursor, not from the beginning
        assertThat(salesforce.calls().subList(callsBefore, salesforce.calls().size()))
                .filteredOn(c -> c.soql() != null && List.of("Account", "Contact", "Opportunity").contains(c.object()))
                .hasSize(3).allSatisfy(c -> assertThat(c.soql()).contains("WHERE SystemModstamp >= 2026-10-01T09:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(townsend().get("totals").get("wonAmount")
                .decimalValue()).isEqualByComparingTo(wonBefore.add(BigDecimal.valueOf(50_000))));
    }

    @Test
    @Order(CHANGES_MEMBERSHIP + 5)
    void shouldDropAContactDeletedInSalesforceFromTheUnifiedPersonOnTheNextRun() throws Exception {
        String crm1 = pausedSource("CRM 1");
        String p1 = standalone.baseUrls().profile() + "/v1/persons?identity=email:p1@townsend.com";
        assertThat(texts(get(p1).get("fragments"), "sourceKey")).contains("003P1@crm-1.Salesforce");

        standalone.emulators().salesforce(TownsendDemo.SALESFORCE).delete("Contact", "003P1");
        JsonNode run = runToSuccess(crm1);

        assertThat(run.get("recordsRead").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(texts(get(p1).get("fragments"), "sourceKey"))
                .containsExactly("101@mkto-1.Marketo"));
    }

    @Test
    @Order(CHANGES_MEMBERSHIP + 6)
    void shouldSplitTheAccountWhenTheMdmCrossReferenceToMarketo2IsRemoved() throws Exception {
        String mdm = pausedSource("MDM");
        JsonNode before = townsend();
        JsonNode golden = XdmJson.mapper().readTree(Files.readString(TownsendDemo.mdmFile(data)).trim());
        ObjectNode changed = ((ObjectNode) golden).put("lastUpdated", Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString());
        changed.putArray("sourceKeys").add("1@mkto-1.Marketo");
        Files.writeString(TownsendDemo.mdmFile(data), changed + "\n");

        runToSuccess(mdm);

        String line2 = standalone.baseUrls().profile() + "/v1/accounts?identity=b2b_account:acc-2001@crm-2.Dynamics";
        JsonNode split = await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode line2Account = get(line2);
            return line2Account != null && !line2Account.get("id").asString().equals(townsend().get("id").asString())
                    ? line2Account : null;
        }, Objects::nonNull);
        JsonNode after = townsend();
        assertThat(texts(after.get("fragments"), "sourceKey"))
                .containsExactlyInAnyOrder("T-1@mdm-1.MDM", "1@mkto-1.Marketo", "001A1@crm-1.Salesforce");
        assertThat(texts(split.get("fragments"), "sourceKey")).containsExactlyInAnyOrder("2@mkto-2.Marketo", "acc-2001@crm-2.Dynamics");
        assertThat(after.get("totals").get("opportunities").asInt() + split.get("totals").get("opportunities").asInt()).isEqualTo(2);
        assertThat(after.get("totals").get("wonAmount").decimalValue().add(split.get("totals").get("wonAmount").decimalValue()))
                .isEqualByComparingTo(before.get("totals").get("wonAmount").decimalValue());
        assertThat(split.get("opportunities").valueStream().map(Object::toString)).singleElement().asString().contains("opp-2001");
    }

    private JsonNode townsend() throws Exception {
        return await().atMost(Duration.ofSeconds(30)).until(() -> get(standalone.baseUrls().profile()
                + "/v1/accounts?identity=b2b_account:T-1@mdm-1.MDM"), Objects::nonNull);
    }

    /** The demo's source, its schedule paused so that only the test's runs read the changes it makes. */
    private String pausedSource(String name) throws Exception {
        String id = demo.sourceIds().get(name);
        assertThat(post(standalone.baseUrls().ingestion() + "/v1/sources/" + id + "/pause", "application/json", "").statusCode())
                .isEqualTo(200);
        return id;
    }

    /** Starts a run of the source (after the one holding its lease, if any) and waits for it to succeed. */
    private JsonNode runToSuccess(String sourceId) throws Exception {
        String runs = standalone.baseUrls().ingestion() + "/v1/sources/" + sourceId + "/runs";
        HttpResponse<String> started = await().atMost(Duration.ofSeconds(60))
                .until(() -> post(runs, "application/json", "{}"), r -> r.statusCode() == 202);
        String run = runs + "/" + XdmJson.mapper().readTree(started.body()).get("id").asString();
        JsonNode finished = await().atMost(Duration.ofSeconds(60)).until(() -> get(run),
                r -> r != null && !"running".equals(r.get("status").asString()));
        assertThat(finished.get("status").asString()).as(finished.toString()).isEqualTo("succeeded");
        return finished;
    }

    private static List<JsonNode> townsendLines() throws IOException {
        try (var in = StandaloneDemoIT.class.getResourceAsStream("/demo/townsend.ndjson")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                    .map(l -> XdmJson.mapper().readTree(l)).toList();
        }
    }

    private static List<String> texts(JsonNode array, String field) {
        return array.valueStream().map(n -> n.path(field).asString()).toList();
    }

    private static MarketoHandle marketo() {
        return standalone.emulators().marketo(TownsendDemo.MARKETO_1);
    }

    private static LinkedInHandle linkedIn() {
        return standalone.emulators().linkedIn();
    }

    @SuppressWarnings("unchecked")
    private static List<Long> staticListMembers() {
        return marketo().lists().stream().filter(list -> TownsendDemo.LIST_NAME.equals(list.get("name")))
                .findFirst().map(list -> ((List<Number>) list.get("memberIds")).stream().map(Number::longValue).toList())
                .orElse(List.of());
    }

    private static List<String> userSegment() {
        return linkedIn().hashedEmails(TownsendDemo.LINKEDIN_AD_ACCOUNT, TownsendDemo.LIST_NAME);
    }

    private static long leadId(String email) {
        return marketo().leads().stream().filter(lead -> email.equals(lead.get("email")))
                .map(lead -> ((Number) lead.get("id")).longValue()).findFirst().orElse(-1L);
    }

    /** The emulators enforce Marketo's and LinkedIn's limits: nothing over one was served, nothing refused for one. */
    private static void assertNoLimitBroken() {
        for (CallStats.Snapshot stats : List.of(marketo().stats(), linkedIn().stats())) {
            assertThat(stats.violationCount()).isZero();
            assertThat(stats.refused()).isEmpty();
        }
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String person(String personKey, String accountKey, String email) {
        return "{\"class\":\"person\",\"data\":{\"personKey\":\"" + personKey + "\",\"accountKey\":\"" + accountKey
                + "\",\"workEmail\":{\"address\":\"" + email + "\"},\"extSourceSystemAudit\":{\"lastUpdatedDate\":\"2026-11-01T09:00:00Z\"}}}";
    }

    /** Through a file source of the test's own, which may write the records of Townsend's instances. */
    private void records(String ndjson) throws Exception {
        String source = null;
        JsonNode sources = get(standalone.baseUrls().ingestion() + "/v1/sources");
        for (JsonNode candidate : sources.isArray() ? sources : sources.path("items")) {
            if ("demo-it-pushes".equals(candidate.path("instanceId").asString())) {
                source = candidate.get("id").asString();
            }
        }
        if (source == null) {
            source = XdmJson.mapper().readTree(post(standalone.baseUrls().ingestion() + "/v1/sources", "application/json",
                    "{\"name\":\"Demo IT pushes\",\"type\":\"file\",\"instanceId\":\"demo-it-pushes\","
                            + "\"instanceIds\":[\"crm-1\",\"crm-2\",\"mkto-1\"]}").body()).get("id").asString();
        }
        HttpResponse<String> answer = post(standalone.baseUrls().ingestion() + "/v1/sources/" + source + "/records",
                "application/x-ndjson", ndjson);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(XdmJson.mapper().readTree(answer.body()).get("rejected").asInt()).as(answer.body()).isZero();
    }

    private void pageView(String personKey) throws Exception {
        HttpResponse<String> answer = post(standalone.baseUrls().ingestion() + "/v1/events", "application/json",
                "{\"_id\":\"demo-it-" + personKey + "\",\"timestamp\":\"" + Instant.now().minus(1, ChronoUnit.DAYS)
                        .truncatedTo(ChronoUnit.SECONDS) + "\",\"eventType\":\"web.webpagedetails.pageViews\",\"personKey\":\""
                        + personKey + "\",\"web\":{\"webPageDetails\":{\"URL\":\"https://bodea.com/products/new\"}}}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    @Test
    void shouldRejectCallsWithoutTheToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(standalone.baseUrls().profile() + "/v1/accounts?identity=b2b_account:T-1@mdm-1.MDM")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldApplyTheValidRecordsAroundLinesTheDatabaseCouldNotHold() throws Exception {
        String ingestion = standalone.baseUrls().ingestion();
        JsonNode source = XdmJson.mapper().readTree(post(ingestion + "/v1/sources", "application/json",
                "{\"name\":\"Door CRM\",\"type\":\"file\",\"instanceId\":\"door-1\"}").body());
        String batch = String.join("\n",
                account("D-1", "Before", "2026-11-01T10:00:00Z"),
                account("D-2", "Bad\\u0000Name", "2026-11-01T10:00:00Z"),
                account("K".repeat(10 * 1024), "Long key", "2026-11-01T10:00:00Z"),
                account("D-3", "Dated 9999", "9999-01-01T00:00:00Z"),
                account("D-4", "Year 300000", "+300000-01-01T00:00:00Z"),
                account("D-5", "After", "2026-11-01T10:00:00Z"));

        HttpResponse<String> answer = post(ingestion + "/v1/sources/" + source.get("id").asString() + "/records",
                "application/x-ndjson", batch);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode result = XdmJson.mapper().readTree(answer.body());
        assertThat(result.get("accepted").asInt()).isEqualTo(2);
        assertThat(result.get("errors").valueStream().map(e -> e.get("line").asInt()).toList()).containsExactly(2, 3, 4, 5);
        assertThat(result.get("errors").valueStream().map(e -> e.get("message").asString()))
                .allSatisfy(message -> assertThat(message).startsWith("/"));
        for (String key : List.of("D-1", "D-5")) {
            JsonNode account = await().atMost(Duration.ofSeconds(15)).until(() -> get(standalone.baseUrls().profile()
                    + "/v1/accounts?identity=b2b_account:" + key + "@door-1.Salesforce"), a -> a != null);
            assertThat(account.toString()).contains(key.equals("D-1") ? "Before" : "After");
        }
    }

    @Test
    void shouldKeepPrometheusForTheAdminScope() throws Exception {
        assertThat(getWithoutToken(standalone.baseUrls().profile() + "/actuator/prometheus").statusCode()).isEqualTo(401);
    }

    private static String account(String id, String name, String lastUpdated) {
        return "{\"class\":\"account\",\"data\":{\"accountKey\":\"" + id + "@door-1.Salesforce\",\"accountName\":\"" + name
                + "\",\"extSourceSystemAudit\":{\"lastUpdatedDate\":\"" + lastUpdated + "\"}}}";
    }

    private HttpResponse<String> post(String url, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer standalone-test-token")
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer standalone-test-token").build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? XdmJson.mapper().readTree(response.body()) : null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
