package dev.tributary.ingestion.connector.dynamics;

import dev.tributary.emulators.dynamics.DynamicsHandle;
import dev.tributary.emulators.dynamics.DynamicsOrg;
import dev.tributary.ingestion.connector.ConnectorConfig;
import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.ingestion.connector.CountingConnectorContext;
import dev.tributary.ingestion.connector.CrmEmulators;
import dev.tributary.ingestion.connector.Page;
import dev.tributary.ingestion.connector.SourceTask;
import dev.tributary.xdm.model.Account;
import dev.tributary.xdm.model.Organization;
import dev.tributary.xdm.model.OpportunityPerson;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.tributary.ingestion.connector.CrmEmulators.ownKey;
import static dev.tributary.ingestion.connector.CrmEmulators.readToEnd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Dynamics 365 connector read page by page against the emulated environment crm-2, the way the framework runs it. */
class DynamicsConnectorIT {

    private static final Logger log = LoggerFactory.getLogger(DynamicsConnectorIT.class);
    private static final String TOWNSEND = "scenarios/townsend/crm-2.json";
    private static final XdmValidator VALIDATOR = new XdmValidator();

    private final DynamicsSourceConnector connector = new DynamicsSourceConnector();
    private final DynamicsHandle env = CrmEmulators.emulators().dynamics(CrmEmulators.DYNAMICS);

    @BeforeEach
    void reset() {
        CrmEmulators.emulators().reset();
    }

    private ConnectorConfig config(String... overrides) {
        Map<String, String> values = new HashMap<>(Map.of("baseUrl", env.baseUrl(), "tokenUrl", env.tokenUrl(),
                "clientId", env.clientId(), "clientSecret", env.clientSecret()));
        values.putAll(CrmEmulators.config(overrides));
        return new ConnectorConfig("source-2", CrmEmulators.DYNAMICS, values);
    }

    private SourceTask open(String... overrides) {
        return connector.open(config(overrides), new CountingConnectorContext());
    }

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
    void shouldReadTheTownsendEnvironmentAsTheCrm2LinesOfTheDemoDataSetBarTheAcceptedDifferences() {
        env.loadScenario(TOWNSEND);

        List<ObjectNode> records = syncAll(open(), Map.of()).values().stream().flatMap(r -> r.records().stream()).toList();

        Map<String, XdmRecord> pulled = records.stream().collect(Collectors.toMap(CrmEmulators::ownKey, DynamicsConnectorIT::typed));
        // accepted differences (ADR 0029): Dataverse has no key or role for an opportunity's parent contact, so it is
        // keyed {opportunityid}.parentcontact and has no personRole; the account keeps its websiteurl as website
        assertThat(pulled.keySet()).containsExactlyInAnyOrder("acc-2001@crm-2.Dynamics", "con-2002@crm-2.Dynamics",
                "con-2003@crm-2.Dynamics", "opp-2001@crm-2.Dynamics", "opp-2001.parentcontact@crm-2.Dynamics");
        for (ObjectNode line : CrmEmulators.townsendLines(CrmEmulators.DYNAMICS)) {
            XdmRecord expected = typed(line);
            if (expected instanceof OpportunityPerson role) {
                OpportunityPerson actual = (OpportunityPerson) pulled.get("opp-2001.parentcontact@crm-2.Dynamics");
                assertThat(actual.opportunityKey()).isEqualTo(role.opportunityKey());
                assertThat(actual.personKey()).isEqualTo(role.personKey());
                assertThat(actual.isPrimary()).isEqualTo(role.isPrimary());
                assertThat(actual.extSourceSystemAudit()).isEqualTo(role.extSourceSystemAudit());
            } else if (expected instanceof Account account) {
                Account actual = (Account) pulled.get(ownKey(line));
                Organization org = actual.accountOrganization();
                assertThat(org.website()).isEqualTo("https://townsend.com");
                assertThat(new Account(actual.accountKey(), actual.accountName(), new Organization(org.domain(), null, org.industry(),
                        org.numberOfEmployees(), org.annualRevenue()), actual.accountBillingAddress(), actual.accountParentKey(),
                        actual.identityMap(), actual.extSourceSystemAudit(), actual.isDeleted())).isEqualTo(account);
            } else {
                assertThat(pulled.get(ownKey(line))).as(ownKey(line)).isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldReadOnlyWhatChangedSinceTheStoredCursorAndYieldTheNewAmount() {
        env.loadScenario(TOWNSEND);
        Map<String, String> cursors = cursors(syncAll(open(), Map.of()));
        int callsBefore = env.calls().size();

        env.update("opportunities", "opp-2001", Map.of("actualvalue", 950000));
        Map<String, CrmEmulators.Read> second = syncAll(open(), cursors);

        assertThat(second.get("opportunities").records()).extracting(CrmEmulators::ownKey)
                .containsExactly("opp-2001@crm-2.Dynamics", "opp-2001.parentcontact@crm-2.Dynamics");
        assertThat(second.get("opportunities").records().get(0).at("/data/opportunityAmount/amount").decimalValue())
                .isEqualByComparingTo(new BigDecimal(950000));
        assertThat(second.get("accounts").records()).isEmpty();
        assertThat(second.get("contacts").records()).isEmpty();
        List<DynamicsOrg.LoggedCall> queries = env.calls().subList(callsBefore, env.calls().size()).stream()
                .filter(c -> c.kind().equals("query")).toList();
        assertThat(queries).hasSize(3).allSatisfy(call -> {
            assertThat(call.filter()).isEqualTo("modifiedon ge 2026-10-01T09:00:00Z");
            assertThat(call.orderBy()).startsWith("modifiedon asc,");
        });
    }

    @Test
    void shouldReportARowDeletedInDynamicsThroughChangeTracking() {
        env.loadScenario(TOWNSEND);
        SourceTask task = open("changeTracking", "true", "pageSize", "1");
        Map<String, String> cursors = cursors(syncAll(task, Map.of()));

        env.delete("opportunities", "opp-2001");
        env.update("contacts", "con-2003", Map.of("jobtitle", "Head of Procurement"));
        Map<String, CrmEmulators.Read> second = syncAll(open("changeTracking", "true"), cursors);

        assertThat(second.get("accounts").records()).isEmpty();
        assertThat(second.get("contacts").records()).singleElement()
                .satisfies(line -> assertThat(line.at("/data/extendedWorkDetails/jobTitle").asString()).isEqualTo("Head of Procurement"));
        assertThat(second.get("opportunities").records()).extracting(CrmEmulators::ownKey)
                .containsExactly("opp-2001@crm-2.Dynamics", "opp-2001.parentcontact@crm-2.Dynamics");
        assertThat(second.get("opportunities").records()).allSatisfy(line -> assertThat(typed(line).deleted()).isTrue());
        assertThat(env.calls()).filteredOn(c -> c.kind().equals("delta")).hasSize(3);
    }

    @Test
    void shouldFollowNextLinksUntilAbsentWithNothingLostWhenAPageFails() {
        for (int i = 0; i < 25; i++) {
            env.seed("contacts", Map.of("lastname", "Person " + i, "modifiedon", "2026-11-01T10:00:00Z"));
        }
        SourceTask task = open("pageSize", "10");
        Page first = task.read("contacts", null);
        assertThat(first.last()).isFalse();

        env.failNextWithStatus(1, 503);
        ConnectorException failure = catchThrowableOfType(ConnectorException.class, () -> task.read("contacts", first.cursor()));
        CrmEmulators.Read rest = readToEnd(task, "contacts", first.cursor());

        assertThat(failure.kind()).isEqualTo(ConnectorException.Kind.RETRIABLE);
        List<String> keys = new ArrayList<>(first.records().stream().map(CrmEmulators::ownKey).toList());
        rest.records().forEach(r -> keys.add(ownKey(r)));
        assertThat(keys).doesNotHaveDuplicates().hasSize(25);
        assertThat(rest.pages()).isEqualTo(2);
    }

    @Test
    void shouldClassifyAnExpiredTokenAsAuthentication() {
        env.loadScenario(TOWNSEND);
        SourceTask task = open();
        task.read("accounts", null);
        env.expireTokens();

        ConnectorException failure = catchThrowableOfType(ConnectorException.class, () -> task.read("contacts", null));

        assertThat(failure.kind()).isEqualTo(ConnectorException.Kind.AUTHENTICATION);
        assertThat(readToEnd(open(), "contacts", null).records()).hasSize(2);
    }

    @Test
    void shouldClassifyA429AsRateLimitedForItsRetryAfter() {
        env.loadScenario(TOWNSEND);
        env.throttleNext(1, Duration.ofSeconds(7));

        ConnectorException failure = catchThrowableOfType(ConnectorException.class, () -> open().read("accounts", null));

        assertThat(failure.kind()).isEqualTo(ConnectorException.Kind.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(failure.getMessage()).contains("0x80072322");
    }

    @Test
    void shouldClassifyATimeoutAsRetriableAndAMalformedPageAsPermanent() {
        env.loadScenario(TOWNSEND);
        SourceTask task = open("timeoutSeconds", "1");
        env.delayNext(1, Duration.ofMillis(2500));
        ConnectorException timeout = catchThrowableOfType(ConnectorException.class, () -> task.read("accounts", null));
        env.malformNext(1);
        ConnectorException malformed = catchThrowableOfType(ConnectorException.class, () -> task.read("accounts", null));

        assertThat(timeout.kind()).isEqualTo(ConnectorException.Kind.RETRIABLE);
        assertThat(malformed.kind()).isEqualTo(ConnectorException.Kind.PERMANENT);
        assertThat(malformed.getMessage()).contains("malformed page");
        assertThat(readToEnd(task, "accounts", null).records()).hasSize(1);
    }

    @Test
    void shouldRefuseAWrongSecretAWrongClientIdAndUnreachableUrlsNamingTheField() {
        assertThat(catchThrowableOfType(ConnectorException.class, () -> open("clientSecret", "wrong").validate()).field())
                .isEqualTo("clientSecret");
        assertThat(catchThrowableOfType(ConnectorException.class, () -> open("clientId", "wrong").validate()).field())
                .isEqualTo("clientId");
        assertThat(catchThrowableOfType(ConnectorException.class, () -> open("tokenUrl", "http://127.0.0.1:9/token").validate()).field())
                .isEqualTo("tokenUrl");
        assertThat(catchThrowableOfType(ConnectorException.class, () -> open("baseUrl", "http://127.0.0.1:9").validate()).field())
                .as("the token's scope names the base URL, so a wrong one is refused there").isEqualTo("baseUrl");
        open().validate();
    }

    @Test
    void shouldPullTenThousandContactsInThreeCalls() {
        for (int i = 0; i < 10_000; i++) {
            env.seed("contacts", Map.of("firstname", "F" + i, "lastname", "L" + i, "emailaddress1", "c" + i + "@example.com"));
        }
        CountingConnectorContext context = new CountingConnectorContext();
        SourceTask task = connector.open(config(), context);

        long started = System.nanoTime();
        CrmEmulators.Read read = readToEnd(task, "contacts", null);
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(read.records()).hasSize(10_000);
        assertThat(context.calls()).as("a token and two pages of 5,000").isEqualTo(3);
        log.info("Dynamics emulator: {} records in {} calls, {} records/s", read.records().size(), context.calls(),
                Math.round(read.records().size() / seconds));
    }
}
