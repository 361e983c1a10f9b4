package dev.tributary.ingestion.connector.salesforce;

import dev.tributary.emulators.salesforce.SalesforceHandle;
import dev.tributary.ingestion.connector.ConnectorConfig;
import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.ingestion.connector.CountingConnectorContext;
import dev.tributary.ingestion.connector.CrmEmulators;
import dev.tributary.ingestion.connector.Page;
import dev.tributary.ingestion.connector.SourceTask;
import dev.tributary.xdm.model.XdmRecord;
import dev.tributary.xdm.validation.RecordValidation;
import dev.tributary.xdm.validation.XdmValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.tributary.ingestion.connector.CrmEmulators.ownKey;
import static dev.tributary.ingestion.connector.CrmEmulators.readToEnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Salesforce connector read page by page against the emulated org crm-1, the way the framework runs it. */
class SalesforceConnectorIT {

    private static final Logger log = LoggerFactory.getLogger(SalesforceConnectorIT.class);
    private static final String TOWNSEND = "scenarios/townsend/crm-1.json";
    private static final XdmValidator VALIDATOR = new XdmValidator();

    private final SalesforceSourceConnector connector = new SalesforceSourceConnector();
    private final SalesforceHandle org = CrmEmulators.emulators().salesforce(CrmEmulators.SALESFORCE);

    @BeforeEach
    void reset() {
        CrmEmulators.emulators().reset();
    }

    private ConnectorConfig config(String... overrides) {
        Map<String, String> values = new HashMap<>(Map.of("baseUrl", org.baseUrl(), "clientId", org.clientId(),
                "clientSecret", org.clientSecret()));
        values.putAll(CrmEmulators.config(overrides));
        return new ConnectorConfig("source-1", CrmEmulators.SALESFORCE, values);
    }

    private SourceTask open(String... overrides) {
        return connector.open(config(overrides), new CountingConnectorContext());
    }

    /** Reads every stream to its end from the given cursors; answers the records and the new cursors. */
    private Map<String, CrmEmulators.Read> syncAll(SourceTask task, Map<String, String> cursors) {
        Map<String, CrmEmulators.Read> reads = new LinkedHashMap<>();
        for (String stream : connector.streams()) {
            reads.put(stream, readToEnd(task, stream, cursors.get(stream)));
        }
        return reads;
    }

    private static Map<String, String> cursors(Map<String, CrmEmulators.Read> reads) {
        return reads.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().cursor()));
    }

    private static XdmRecord typed(ObjectNode line) {
        RecordValidation validation = VALIDATOR.validateRecord(line.get("class").asString(), line.get("data"));
        assertThat(validation.errors()).as("validation of %s", line).isEmpty();
        return validation.record();
    }

    @Test
    void shouldReadTheTownsendOrgAsTheCrm1LinesOfTheDemoDataSet() {
        org.loadScenario(TOWNSEND);

        List<ObjectNode> records = syncAll(open(), Map.of()).values().stream().flatMap(r -> r.records().stream()).toList();

        List<ObjectNode> expected = CrmEmulators.townsendLines(CrmEmulators.SALESFORCE);
        assertThat(records).extracting(CrmEmulators::ownKey)
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(CrmEmulators::ownKey).toList());
        Map<String, XdmRecord> pulled = records.stream().collect(Collectors.toMap(CrmEmulators::ownKey, SalesforceConnectorIT::typed));
        for (ObjectNode line : expected) {
            // no accepted differences: every field of every crm-1 line comes out of Salesforce as the push version has it
            assertThat(pulled.get(ownKey(line))).as(ownKey(line)).isEqualTo(typed(line));
        }
    }

    @Test
    void shouldReadOnlyWhatChangedSinceTheStoredCursorAndYieldTheNewAmount() {
        org.loadScenario(TOWNSEND);
        Map<String, String> cursors = cursors(syncAll(open(), Map.of()));
        int callsBefore = org.calls().size();

        org.update("Opportunity", "006O1", Map.of("Amount", 250000));
        Map<String, CrmEmulators.Read> second = syncAll(open(), cursors);

        assertThat(second.get("Opportunity").records()).hasSize(1);
        ObjectNode opportunity = second.get("Opportunity").records().get(0);
        assertThat(opportunity.at("/data/opportunityAmount/amount").decimalValue()).isEqualByComparingTo(new BigDecimal(250000));
        second.forEach((stream, read) -> {
            if (!stream.equals("Opportunity")) {
                assertThat(read.records()).as("%s: nothing changed, and the boundary rows already published are skipped", stream).isEmpty();
            }
        });
        List<String> soql = org.calls().subList(callsBefore, org.calls().size()).stream()
                .filter(c -> c.kind().equals("queryAll")).map(c -> c.soql()).toList();
        assertThat(soql).hasSize(connector.streams().size())
                .filteredOn(q -> q.startsWith("SELECT Id, IsDeleted, SystemModstamp") && q.contains(" FROM Opportunity "))
                .singleElement().asString().contains("WHERE SystemModstamp >= 2026-10-01T09:00:00Z ORDER BY SystemModstamp ASC, Id ASC");
        assertThat(soql).filteredOn(q -> !q.contains(" FROM Lead "))
                .allMatch(q -> q.contains("WHERE SystemModstamp >= 2026-10-01T09:00:00Z"));
        assertThat(soql).filteredOn(q -> q.contains(" FROM Lead ")).as("no lead was ever read: no watermark yet")
                .singleElement().asString().doesNotContain("WHERE");

        Map<String, CrmEmulators.Read> third = syncAll(open(), cursors(second));
        assertThat(third.values()).allMatch(read -> read.records().isEmpty());
    }

    @Test
    void shouldReportARecordDeletedInSalesforceAsDeleted() {
        org.loadScenario(TOWNSEND);
        Map<String, String> cursors = cursors(syncAll(open(), Map.of()));

        org.delete("Contact", "003P2");
        CrmEmulators.Read read = readToEnd(open(), "Contact", cursors.get("Contact"));

        assertThat(read.records()).singleElement().satisfies(line -> {
            assertThat(ownKey(line)).isEqualTo("003P2@crm-1.Salesforce");
            assertThat(line.at("/data/isDeleted").asBoolean()).isTrue();
            assertThat(typed(line).deleted()).isTrue();
        });
    }

    @Test
    void shouldFollowNextRecordsUrlsAndRestartFromTheWatermarkWhenALocatorIsStale() {
        for (int i = 0; i < 450; i++) {
            org.seed("Contact", Map.of("LastName", "Person " + i, "Email", "p" + i + "@example.com",
                    "SystemModstamp", "2026-11-01T10:00:00.000+0000"));
        }
        SourceTask task = open("batchSize", "200");
        Page first = task.read("Contact", null);
        assertThat(first.records()).hasSize(200);
        assertThat(first.last()).isFalse();

        org.expireLocators();
        CrmEmulators.Read rest = readToEnd(task, "Contact", first.cursor());

        List<String> keys = new java.util.ArrayList<>(first.records().stream().map(CrmEmulators::ownKey).toList());
        keys.addAll(rest.records().stream().map(CrmEmulators::ownKey).toList());
        assertThat(keys).as("every contact once: the restart skips the 200 already published at the same stamp")
                .doesNotHaveDuplicates().hasSize(450);
        assertThat(org.calls()).extracting(c -> c.kind()).containsSubsequence("queryAll", "more", "queryAll", "more");
    }

    @Test
    void shouldClassifyAnExpiredSessionAsAuthenticationAndLoseNothingWhenReopened() {
        org.loadScenario(TOWNSEND);
        SourceTask task = open();
        task.read("Account", null);
        org.expireTokens();

        ConnectorException failure = catchThrowableOfType(ConnectorException.class, () -> task.read("Contact", null));

        assertThat(failure.kind()).isEqualTo(ConnectorException.Kind.AUTHENTICATION);
        assertThat(failure.getMessage()).contains("INVALID_SESSION_ID");
        assertThat(readToEnd(open(), "Contact", null).records()).hasSize(2);
    }

    @Test
    void shouldClassifyRequestLimitExceededAsRateLimitedForAnHour() {
        org.loadScenario(TOWNSEND);
        org.failNextWithRequestLimit(1);

        ConnectorException failure = catchThrowableOfType(ConnectorException.class, () -> open().read("Account", null));

        assertThat(failure.kind()).isEqualTo(ConnectorException.Kind.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(failure.getMessage()).contains("REQUEST_LIMIT_EXCEEDED");
    }

    @Test
    void shouldStopAsRateLimitedOnceTheReportedDailyUsagePassesTheConfiguredShare() {
        org.loadScenario(TOWNSEND);
        org.apiUsage(89_999, 100_000);
        SourceTask task = open("maxApiUsagePercent", "90");

        assertThat(task.read("Account", null).records()).as("the call that reaches 90,000 of 100,000 is still used").hasSize(1);
        ConnectorException failure = catchThrowableOfType(ConnectorException.class, () -> task.read("Contact", null));

        assertThat(failure.kind()).isEqualTo(ConnectorException.Kind.RATE_LIMITED);
        assertThat(failure.getMessage()).contains("90000 of 100000");
        assertThat(org.stats().calls()).as("no call was spent past the share").isEqualTo(1);
    }

    @Test
    void shouldClassifyServerErrorsAndTimeoutsAsRetriableAndResumeFromTheLastCursorWithNothingLost() {
        for (int i = 0; i < 450; i++) {
            org.seed("Contact", Map.of("LastName", "Person " + i, "SystemModstamp", "2026-11-01T10:00:" + String.format("%02d", i % 60) + ".000+0000"));
        }
        SourceTask task = open("batchSize", "200", "timeoutSeconds", "1");
        Page first = task.read("Contact", null);

        org.failNextWithStatus(1, 503);
        ConnectorException serverError = catchThrowableOfType(ConnectorException.class, () -> task.read("Contact", first.cursor()));
        org.delayNext(1, Duration.ofMillis(2500));
        ConnectorException timeout = catchThrowableOfType(ConnectorException.class, () -> task.read("Contact", first.cursor()));
        CrmEmulators.Read rest = readToEnd(task, "Contact", first.cursor());

        assertThat(serverError.kind()).isEqualTo(ConnectorException.Kind.RETRIABLE);
        assertThat(timeout.kind()).isEqualTo(ConnectorException.Kind.RETRIABLE);
        List<String> keys = new java.util.ArrayList<>(first.records().stream().map(CrmEmulators::ownKey).toList());
        rest.records().forEach(r -> keys.add(ownKey(r)));
        assertThat(keys).doesNotHaveDuplicates().hasSize(450);
    }

    @Test
    void shouldClassifyAMalformedPageAsPermanentAndReadItAgainFromTheSameCursor() {
        org.loadScenario(TOWNSEND);
        org.malformNext(1);
        SourceTask task = open();

        ConnectorException failure = catchThrowableOfType(ConnectorException.class, () -> task.read("Contact", null));

        assertThat(failure.kind()).isEqualTo(ConnectorException.Kind.PERMANENT);
        assertThat(failure.getMessage()).contains("malformed page");
        assertThat(readToEnd(task, "Contact", null).records()).hasSize(2);
    }

    @Test
    void shouldRefuseAWrongSecretAWrongClientIdAndAnUnreachableUrlNamingTheField() {
        assertThat(catchThrowableOfType(ConnectorException.class, () -> open("clientSecret", "wrong").validate()).field())
                .isEqualTo("clientSecret");
        assertThat(catchThrowableOfType(ConnectorException.class, () -> open("clientId", "wrong").validate()).field())
                .isEqualTo("clientId");
        assertThat(catchThrowableOfType(ConnectorException.class, () -> open("baseUrl", "http://127.0.0.1:9").validate()).field())
                .isEqualTo("baseUrl");
        assertThat(catchThrowableOfType(ConnectorException.class, () -> open("apiVersion", "x").validate()).field())
                .isEqualTo("apiVersion");
        open().validate();
        assertThat(org.calls()).extracting(c -> c.kind()).endsWith("token", "query");
    }

    @Test
    void shouldPullTenThousandContactsInSixCalls() {
        for (int i = 0; i < 10_000; i++) {
            org.seed("Contact", Map.of("FirstName", "F" + i, "LastName", "L" + i, "Email", "c" + i + "@example.com"));
        }
        CountingConnectorContext context = new CountingConnectorContext();
        SourceTask task = connector.open(config(), context);

        long started = System.nanoTime();
        CrmEmulators.Read read = readToEnd(task, "Contact", null);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(read.records()).hasSize(10_000);
        assertThat(context.calls()).as("a token and five pages of 2,000").isEqualTo(6);
        log.info("Salesforce emulator: {} records in {} calls, {} records/s", read.records().size(), context.calls(),
                Math.round(read.records().size() / seconds));
    }
}
