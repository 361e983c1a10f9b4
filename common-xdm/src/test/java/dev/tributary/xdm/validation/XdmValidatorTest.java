package dev.tributary.xdm.validation;

import static dev.tributary.xdm.Examples.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.xdm.json.XdmJson;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class XdmValidatorTest {

    private static final XdmValidator VALIDATOR = new XdmValidator();

    private static ObjectNode json(String text) {
        return (ObjectNode) XdmJson.mapper().readTree(text);
    }

    private static List<ValidationError> errors(String className, JsonNode data) {
        RecordValidation validation = VALIDATOR.validateRecord(className, data);
        assertThat(validation.valid()).isFalse();
        assertThat(validation.record()).isNull();
        return validation.errors();
    }

    private static List<ValidationError> eventErrors(JsonNode event) {
        EventValidation validation = VALIDATOR.validateEvent(event);
        assertThat(validation.valid()).isFalse();
        return validation.errors();
    }

    @Test
    void shouldRejectUnknownClassListingTheValidOnes() {
        assertThat(errors("lead", json("{}"))).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/class");
            assertThat(e.message()).contains("'lead'", "person", "marketingListMember");
        });
    }

    @Test
    void shouldRejectRecordThatIsNotAnObject() {
        assertThat(errors("person", XdmJson.mapper().readTree("[1]"))).extracting(ValidationError::path).containsExactly("");
    }

    @Test
    void shouldRejectMissingPrimaryKey() {
        ObjectNode account = read("account.example.1");
        account.remove("accountKey");

        assertThat(errors("account", account)).singleElement()
                .isEqualTo(new ValidationError("/accountKey", "is required"));
    }

    @Test
    void shouldRejectNullPrimaryKey() {
        assertThat(errors("campaign", json("{\"campaignKey\": null}")))
                .extracting(ValidationError::path).containsExactly("/campaignKey");
    }

    @Test
    void shouldRejectMalformedPrimarySourceKey() {
        assertThat(errors("opportunity", json("{\"opportunityKey\": \"3001-mkto-1.Marketo\"}"))).singleElement()
                .satisfies(e -> {
                    assertThat(e.path()).isEqualTo("/opportunityKey");
                    assertThat(e.message()).contains("'3001-mkto-1.Marketo'", "no '@'");
                });
    }

    @Test
    void shouldRejectMalformedReferenceSourceKey() {
        ObjectNode link = read("accountPerson.example.1");
        link.put("personKey", "2002@mkto-1.");

        assertThat(errors("accountPerson", link)).extracting(ValidationError::path).containsExactly("/personKey");
    }

    @Test
    void shouldRejectObjectSourceKeyWhosePartsDisagree() {
        ObjectNode person = read("person.example.1");
        ((ObjectNode) person.get("accountKey")).put("sourceKey", "9999@mkto-1.Marketo");

        assertThat(errors("person", person)).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/accountKey");
            assertThat(e.message()).contains("disagrees");
        });
    }

    @Test
    void shouldRejectMalformedExternalKey() {
        ObjectNode opportunity = read("opportunity.example.1");
        ((ObjectNode) opportunity.get("extSourceSystemAudit")).put("externalKey", "0065g00000Opp1");

        assertThat(errors("opportunity", opportunity)).extracting(ValidationError::path)
                .containsExactly("/extSourceSystemAudit/externalKey");
    }

    @Test
    void shouldRejectMalformedSourceKeyInIdentityMap() {
        ObjectNode account = read("account.example.2");
        ((ObjectNode) account.at("/identityMap/b2b_account/1")).put("id", "Account 2");

        assertThat(errors("account", account)).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/identityMap/b2b_account/1/id");
            assertThat(e.message()).contains("'Account 2'");
        });
    }

    @Test
    void shouldRejectMalformedSourceKeyInMixedCaseIdentityNamespace() {
        ObjectNode person = read("person.example.1");
        person.set("identityMap", json("{\"B2B_Person\": [{\"id\": \"nope\"}]}"));

        assertThat(errors("person", person)).extracting(ValidationError::path)
                .containsExactly("/identityMap/B2B_Person/0/id");
    }

    @Test
    void shouldRejectWrongTypes() {
        ObjectNode account = read("account.example.1");
        ((ObjectNode) account.get("accountOrganization")).put("numberOfEmployees", "many");
        account.put("isDeleted", "no");

        assertThat(errors("account", account)).extracting(ValidationError::path)
                .containsExactlyInAnyOrder("/accountOrganization/numberOfEmployees", "/isDeleted");
    }

    @Test
    void shouldRejectEmployeeCountBeyondWhatAProfileStores() {
        ObjectNode account = read("account.example.1");
        ((ObjectNode) account.get("accountOrganization")).put("numberOfEmployees", new BigInteger("9223372036854775808"));

        assertThat(errors("account", account)).extracting(ValidationError::path)
                .containsExactly("/accountOrganization/numberOfEmployees");
    }

    @Test
    void shouldRejectNonNumericAmount() {
        ObjectNode opportunity = read("opportunity.example.1");
        ((ObjectNode) opportunity.get("opportunityAmount")).put("amount", "200k");

        assertThat(errors("opportunity", opportunity)).extracting(ValidationError::path)
                .containsExactly("/opportunityAmount/amount");
    }

    @Test
    void shouldRejectBadDateTime() {
        ObjectNode member = read("campaignMember.example.1");
        member.put("membershipDate", "03/10/2026 14:20");
        ((ObjectNode) member.get("extSourceSystemAudit")).put("lastUpdatedDate", "2026-10-03");

        assertThat(errors("campaignMember", member)).extracting(ValidationError::path)
                .containsExactlyInAnyOrder("/membershipDate", "/extSourceSystemAudit/lastUpdatedDate");
    }

    @Test
    void shouldRejectBadDate() {
        ObjectNode opportunity = read("opportunity.example.1");
        opportunity.put("expectedCloseDate", "2026-13-01");

        assertThat(errors("opportunity", opportunity)).singleElement()
                .isEqualTo(new ValidationError("/expectedCloseDate", "'2026-13-01' is not a date (YYYY-MM-DD)"));
    }

    @Test
    void shouldRejectConsentOtherThanYOrN() {
        ObjectNode person = read("person.example.1");
        ((ObjectNode) person.at("/consents/marketing/email")).put("val", "yes");

        assertThat(errors("person", person)).extracting(ValidationError::path)
                .containsExactly("/consents/marketing/email/val");
    }

    @Test
    void shouldRejectMalformedWorkEmail() {
        ObjectNode person = read("person.example.1");
        ((ObjectNode) person.get("workEmail")).put("address", "p2 at townsend");

        assertThat(errors("person", person)).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/workEmail/address");
            assertThat(e.message()).contains("'p2 at townsend'", "email");
        });
    }

    @Test
    void shouldRejectMalformedEmailInIdentityMap() {
        ObjectNode person = read("person.example.1");
        ((ArrayNode) person.at("/identityMap/Email")).addObject().put("id", "p2@townsend");

        assertThat(errors("person", person)).extracting(ValidationError::path)
                .containsExactly("/identityMap/Email/1/id");
    }

    @Test
    void shouldAcceptJunkButWellFormedIdentitiesForGuardrailsDownstream() {
        ObjectNode person = read("person.example.1");
        person.set("identityMap", json("{\"email\": [{\"id\": \"test@test.com\"}], \"phone\": [{\"id\": \"null\"}]}"));

        assertThat(VALIDATOR.validateRecord("person", person).errors()).isEmpty();
    }

    @Test
    void shouldReportEveryErrorAtOnce() {
        ObjectNode person = json("""
                {"accountKey": "x", "personScore": "high", "workEmail": {"address": "nope"}}""");

        assertThat(errors("person", person)).extracting(ValidationError::path)
                .containsExactlyInAnyOrder("/personKey", "/accountKey", "/personScore", "/workEmail/address");
    }

    @Test
    void shouldKeepUnknownXdmFieldsInNormalisedForm() {
        ObjectNode account = read("account.example.1");
        account.put("accountStatus", "Active");
        account.set("accountOrganization", json("{\"domain\": \"townsend.com\", \"logoUrl\": \"https://x/logo.png\"}"));

        RecordValidation validation = VALIDATOR.validateRecord("account", account);

        assertThat(validation.errors()).isEmpty();
        assertThat(validation.normalised().get("accountStatus").stringValue()).isEqualTo("Active");
        assertThat(validation.normalised().at("/accountOrganization/logoUrl").stringValue()).isEqualTo("https://x/logo.png");
    }

    @Test
    void shouldAcceptMinimalRecordAndLeaveInputUntouched() {
        ObjectNode input = json("{\"marketingListKey\": \"8001@mkto-1.Marketo\"}");

        RecordValidation validation = VALIDATOR.validateRecord("marketingList", input);

        assertThat(validation.valid()).isTrue();
        assertThat(validation.record().audit()).isNull();
        assertThat(validation.record().deleted()).isFalse();
        assertThat(validation.record().identityMap().isEmpty()).isTrue();
        assertThat(input.get("marketingListKey").isString()).isTrue();
    }

    @Test
    void shouldRejectEventWithoutId() {
        ObjectNode event = read("experienceEvent.example.1");
        event.remove("_id");

        assertThat(eventErrors(event)).extracting(ValidationError::path).containsExactly("/_id");
    }

    @Test
    void shouldRejectEventTimestampThatIsNotRfc3339() {
        ObjectNode event = read("experienceEvent.example.1");
        event.put("timestamp", "1760427000");

        assertThat(eventErrors(event)).singleElement().isEqualTo(new ValidationError("/timestamp",
                "'1760427000' is not an RFC 3339 date-time (e.g. 2026-11-01T10:15:30Z)"));
    }

    @Test
    void shouldRejectEventWithoutEventType() {
        ObjectNode event = read("experienceEvent.example.1");
        event.remove("eventType");

        assertThat(eventErrors(event)).extracting(ValidationError::path).containsExactly("/eventType");
    }

    @Test
    void shouldRejectEventWithNeitherPersonKeyNorIdentity() {
        ObjectNode event = read("experienceEvent.example.1");
        event.remove("personKey");
        event.set("identityMap", json("{\"email\": []}"));

        assertThat(eventErrors(event)).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/personKey");
            assertThat(e.message()).contains("personKey", "identityMap");
        });
    }

    @Test
    void shouldAcceptEventIdentifiedOnlyByEmail() {
        ObjectNode event = read("experienceEvent.example.1");
        event.remove("personKey");
        event.set("identityMap", json("{\"Email\": [{\"id\": \" P2@Townsend.com\"}]}"));

        EventValidation validation = VALIDATOR.validateEvent(event);

        assertThat(validation.errors()).isEmpty();
        assertThat(validation.event().personKey()).isNull();
        assertThat(validation.normalised().at("/identityMap/email/0/id").stringValue()).isEqualTo("p2@townsend.com");
    }

    @Test
    void shouldRejectMalformedEventPersonKey() {
        ObjectNode event = read("experienceEvent.example.1");
        event.put("personKey", "p2-at-townsend");

        assertThat(eventErrors(event)).extracting(ValidationError::path).containsExactly("/personKey");
    }
}
