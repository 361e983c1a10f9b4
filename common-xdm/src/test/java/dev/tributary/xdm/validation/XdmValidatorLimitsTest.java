package dev.tributary.xdm.validation;

import static dev.tributary.xdm.Examples.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.xdm.json.XdmJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The door rules of ADR 0023: what profile-service could not store is a located error, never a valid record. */
class XdmValidatorLimitsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final XdmValidator VALIDATOR = new XdmValidator(XdmJson.mapper(), Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofMinutes(5));

    private static ObjectNode json(String text) {
        return (ObjectNode) XdmJson.mapper().readTree(text);
    }

    private static List<ValidationError> errors(String className, JsonNode data) {
        RecordValidation validation = VALIDATOR.validateRecord(className, data);
        assertThat(validation.valid()).as("valid: %s", data).isFalse();
        return validation.errors();
    }

    private static List<ValidationError> eventErrors(JsonNode event) {
        EventValidation validation = VALIDATOR.validateEvent(event);
        assertThat(validation.valid()).isFalse();
        return validation.errors();
    }

    private static String repeat(String text, int times) {
        return text.repeat(times);
    }

    @Test
    void shouldAcceptTheGoldenExamplesUnderTheLimits() {
        for (String name : List.of("account.example.1", "account.example.2", "person.example.1", "opportunity.example.1",
                "campaignMember.example.1")) {
            String className = name.substring(0, name.indexOf('.'));
            assertThat(VALIDATOR.validateRecord(className, read(name)).errors()).as(name).isEmpty();
        }
        assertThat(VALIDATOR.validateEvent(read("experienceEvent.example.1")).errors()).isEmpty();
    }

    @Test
    void shouldRejectNulCharacterInAnyStringValueWithItsPointer() {
        ObjectNode account = read("account.example.1");
        account.put("accountName", "Town\u0000send");
        ((ObjectNode) account.get("accountOrganization")).putObject("custom").putArray("tags").add("ok").add("b\u0000d");

        assertThat(errors("account", account)).extracting(ValidationError::path)
                .containsExactlyInAnyOrder("/accountName", "/accountOrganization/custom/tags/1");
        assertThat(errors("account", account).get(0).message()).contains("NUL");
    }

    @Test
    void shouldRejectNulCharacterInObjectKey() {
        ObjectNode account = read("account.example.1");
        account.putObject("extra").put("bad\u0000key", "value");

        assertThat(errors("account", account)).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/extra/bad\u0000key");
            assertThat(e.message()).startsWith("the field name contains the NUL character");
        });
    }

    @Test
    void shouldRejectNulCharacterInPrimaryKeyAndInEventFields() {
        assertThat(errors("account", json("{\"accountKey\":\"A\\u0000@crm-1.Salesforce\"}")))
                .extracting(ValidationError::path).containsExactly("/accountKey");

        ObjectNode event = read("experienceEvent.example.1");
        ((ObjectNode) event.at("/web/webPageDetails")).put("name", "\u0000");
        assertThat(eventErrors(event)).extracting(ValidationError::path).containsExactly("/web/webPageDetails/name");
    }

    @Test
    void shouldRejectUnpairedSurrogateButAcceptPairedOne() {
        ObjectNode account = read("account.example.1");
        account.put("accountName", "emoji \uD83D\uDE00 ok");
        assertThat(VALIDATOR.validateRecord("account", account).valid()).isTrue();

        account.put("accountName", "broken \uD83D");
        assertThat(errors("account", account)).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("unpaired UTF-16 surrogate"));
    }

    @Test
    void shouldRejectStringLongerThanTheStringLimit() {
        ObjectNode account = read("account.example.1");
        account.put("accountName", repeat("x", XdmLimits.MAX_STRING_CHARS));
        assertThat(VALIDATOR.validateRecord("account", account).valid()).isTrue();

        account.put("accountName", repeat("x", XdmLimits.MAX_STRING_CHARS + 1));
        assertThat(errors("account", account)).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/accountName");
            assertThat(e.message()).contains("65536");
        });
    }

    @Test
    void shouldRejectPrimaryKeyOverTheKeyLimitCountingUtf8Bytes() {
        String suffix = "@crm-1.Salesforce";
        String fits = repeat("a", XdmLimits.MAX_KEY_BYTES - suffix.length()) + suffix;
        assertThat(VALIDATOR.validateRecord("account", json("{\"accountKey\":\"" + fits + "\"}")).valid()).isTrue();

        // 'é' is two bytes of UTF-8: as many characters, twice the bytes
        String twoByte = repeat("é", XdmLimits.MAX_KEY_BYTES - suffix.length()) + suffix;
        assertThat(errors("account", json("{\"accountKey\":\"" + twoByte + "\"}"))).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/accountKey");
            assertThat(e.message()).contains("at most 1024 bytes");
        });
        String tenKilobytes = repeat("k", 10_240) + suffix;
        assertThat(errors("account", json("{\"accountKey\":\"" + tenKilobytes + "\"}")))
                .extracting(ValidationError::path).containsExactly("/accountKey");
    }

    @Test
    void shouldRejectReferenceAndIdentityValuesOverTheKeyLimit() {
        String longKey = repeat("r", 2000) + "@crm-1.Salesforce";
        ObjectNode person = read("person.example.1");
        person.put("accountKey", longKey);
        person.set("identityMap", json("{\"b2b_person\":[{\"id\":\"" + longKey + "\"}],\"ECID\":[{\"id\":\""
                + repeat("9", 1025) + "\"}],\"" + repeat("n", 129) + "\":[{\"id\":\"x\"}]}"));

        assertThat(errors("person", person)).extracting(ValidationError::path).containsExactlyInAnyOrder(
                "/accountKey", "/identityMap/b2b_person/0/id", "/identityMap/ECID/0/id", "/identityMap/" + repeat("n", 129));
    }

    @Test
    void shouldRejectEmailOverTheKeyLimit() {
        ObjectNode person = read("person.example.1");
        ((ObjectNode) person.get("workEmail")).put("address", repeat("p", 1100) + "@townsend.com");

        assertThat(errors("person", person)).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/workEmail/address");
            assertThat(e.message()).contains("at most 1024 bytes");
        });
    }

    @Test
    void shouldRejectUrlsOverTheUrlLimit() {
        ObjectNode account = read("account.example.1");
        ((ObjectNode) account.get("accountOrganization")).put("website", "https://x.com/" + repeat("a", XdmLimits.MAX_URL_BYTES));
        assertThat(errors("account", account)).extracting(ValidationError::path).containsExactly("/accountOrganization/website");

        ObjectNode event = read("experienceEvent.example.1");
        ((ObjectNode) event.at("/web/webPageDetails")).put("URL", "https://x.com/" + repeat("a", 8 * 1024));
        ((ObjectNode) event.at("/web/webReferrer")).put("URL", "https://x.com/" + repeat("a", XdmLimits.MAX_URL_BYTES - 14));
        assertThat(eventErrors(event)).extracting(ValidationError::path).containsExactly("/web/webPageDetails/URL");
    }

    @Test
    void shouldRejectEventIdAndTypeOverTheirLimits() {
        ObjectNode event = read("experienceEvent.example.1");
        event.put("_id", repeat("i", XdmLimits.MAX_KEY_BYTES + 1));
        event.put("eventType", repeat("t", XdmLimits.MAX_EVENT_TYPE_BYTES + 1));

        assertThat(eventErrors(event)).extracting(ValidationError::path).containsExactlyInAnyOrder("/_id", "/eventType");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+01:00", "0000-06-01T00:00:00Z"})
    void shouldRejectInstantOutsideYearsOneToNineThousandNineHundredNinetyNineInUtc(String instant) {
        ObjectNode member = read("campaignMember.example.1");
        member.put("membershipDate", instant);

        assertThat(errors("campaignMember", member)).singleElement()
                .satisfies(e -> assertThat(e.path()).isEqualTo("/membershipDate"));
    }

    @Test
    void shouldRejectTimestampInYearThreeHundredThousand() {
        ObjectNode member = read("campaignMember.example.1");
        member.put("membershipDate", "+300000-01-01T00:00:00Z");
        assertThat(errors("campaignMember", member)).extracting(ValidationError::path).containsExactly("/membershipDate");

        ObjectNode event = read("experienceEvent.example.1");
        event.put("timestamp", "+300000-01-01T00:00:00Z");
        assertThat(eventErrors(event)).extracting(ValidationError::path).containsExactly("/timestamp");
    }

    @Test
    void shouldAcceptInstantsAtTheEdgesOfTheRange() {
        ObjectNode member = read("campaignMember.example.1");
        member.put("membershipDate", "9999-12-31T23:59:59.999Z");
        assertThat(VALIDATOR.validateRecord("campaignMember", member).errors()).isEmpty();
        member.put("membershipDate", "0001-01-01T00:00:00Z");
        assertThat(VALIDATOR.validateRecord("campaignMember", member).errors()).isEmpty();
    }

    @Test
    void shouldRejectDateInYearZero() {
        ObjectNode opportunity = read("opportunity.example.1");
        opportunity.put("actualCloseDate", "0000-03-01");

        assertThat(errors("opportunity", opportunity)).extracting(ValidationError::path).containsExactly("/actualCloseDate");
    }

    @Test
    void shouldRejectLastUpdatedDateFurtherAheadThanTheTolerance() {
        ObjectNode account = read("account.example.1");
        ((ObjectNode) account.get("extSourceSystemAudit")).put("lastUpdatedDate", "9999-01-01T00:00:00Z");
        assertThat(errors("account", account)).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/extSourceSystemAudit/lastUpdatedDate");
            assertThat(e.message()).contains("in the future", "300 s");
        });

        ((ObjectNode) account.get("extSourceSystemAudit")).put("lastUpdatedDate", NOW.plus(Duration.ofMinutes(5)).plusSeconds(1).toString());
        assertThat(errors("account", account)).extracting(ValidationError::path)
                .containsExactly("/extSourceSystemAudit/lastUpdatedDate");

        ((ObjectNode) account.get("extSourceSystemAudit")).put("lastUpdatedDate", NOW.plus(Duration.ofMinutes(5)).toString());
        assertThat(VALIDATOR.validateRecord("account", account).errors()).isEmpty();
    }

    @Test
    void shouldApplyTheConfiguredFutureTolerance() {
        XdmValidator lenient = new XdmValidator(XdmJson.mapper(), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(2));
        ObjectNode account = read("account.example.1");
        ((ObjectNode) account.get("extSourceSystemAudit")).put("lastUpdatedDate", NOW.plus(Duration.ofDays(1)).toString());

        assertThat(lenient.validateRecord("account", account).errors()).isEmpty();
        assertThat(errors("account", account)).hasSize(1);
    }

    @Test
    void shouldRejectNonFiniteNumbersAnywhere() {
        // 1e400 overflows a double: Jackson reads it as Infinity, which neither numeric nor jsonb can hold
        ObjectNode opportunity = json("""
                {"opportunityKey":"O-1@crm-1.Salesforce","opportunityAmount":{"amount":1e400,"currencyCode":"USD"},
                 "custom":{"ratio":-1e400}}""");

        assertThat(errors("opportunity", opportunity)).extracting(ValidationError::path)
                .containsExactlyInAnyOrder("/opportunityAmount/amount", "/custom/ratio");
    }

    @Test
    void shouldRejectEmployeeCountThatIsNotAWholeBigint() {
        ObjectNode account = read("account.example.1");
        ((ObjectNode) account.get("accountOrganization")).put("numberOfEmployees", 9.3e18);

        assertThat(errors("account", account)).extracting(ValidationError::path)
                .containsExactly("/accountOrganization/numberOfEmployees");

        ((ObjectNode) account.get("accountOrganization")).put("numberOfEmployees", -3);
        assertThat(errors("account", account)).singleElement().satisfies(e -> assertThat(e.message()).contains("from 0"));
    }

    @Test
    void shouldReportAtMostTheErrorLimitForOneRecord() {
        ObjectNode account = read("account.example.1");
        ObjectNode junk = account.putObject("junk");
        for (int i = 0; i < 500; i++) {
            junk.put("f" + i, "\u0000");
        }

        assertThat(errors("account", account)).hasSize(XdmLimits.MAX_ERRORS);
    }
}
