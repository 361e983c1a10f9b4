package dev.tributary.xdm.validation;

import static dev.tributary.xdm.Examples.canonical;
import static dev.tributary.xdm.Examples.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.xdm.Identity;
import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.XdmClass;
import dev.tributary.xdm.model.Account;
import dev.tributary.xdm.model.ExperienceEvent;
import dev.tributary.xdm.model.Opportunity;
import dev.tributary.xdm.model.Person;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** Every golden example validates, binds to its record and writes back as its normalised form. */
class GoldenExamplesTest {

    private static final XdmValidator VALIDATOR = new XdmValidator();

    static Stream<Arguments> recordExamples() {
        return Stream.concat(
                Arrays.stream(XdmClass.values()).map(c -> Arguments.of(c, c.jsonName() + ".example.1")),
                Stream.of(Arguments.of(XdmClass.ACCOUNT, "account.example.2")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("recordExamples")
    void shouldRoundTripRecordExample(XdmClass xdmClass, String example) {
        RecordValidation validation = VALIDATOR.validateRecord(xdmClass.jsonName(), read(example));

        assertThat(validation.errors()).isEmpty();
        assertThat(validation.record().xdmClass()).isEqualTo(xdmClass);
        assertThat(validation.record().key()).isNotNull();
        assertThat(canonical(validation.record())).isEqualTo(canonical(validation.normalised()));
    }

    @Test
    void shouldRoundTripExperienceEventExample() {
        EventValidation validation = VALIDATOR.validateEvent(read("experienceEvent.example.1"));

        assertThat(validation.errors()).isEmpty();
        assertThat(canonical(validation.event())).isEqualTo(canonical(validation.normalised()));
        ExperienceEvent event = validation.event();
        assertThat(event.id()).isEqualTo("mkto-1-activity-900001");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-10-14T07:30:00Z"));
        assertThat(event.url()).isEqualTo("https://www.bodea.com/products/new");
        assertThat(event.pageName()).isEqualTo("New product");
        assertThat(event.referrer()).isEqualTo("https://www.google.com/");
        assertThat(event.personKey()).isEqualTo(SourceKey.parse("2002@mkto-1.Marketo"));
        assertThat(validation.normalised().get("timestamp").stringValue()).isEqualTo("2026-10-14T07:30:00Z");
    }

    @Test
    void shouldNormalisePersonExample() {
        RecordValidation validation = VALIDATOR.validateRecord("person", read("person.example.1"));
        ObjectNode normalised = validation.normalised();
        Person person = (Person) validation.record();

        assertThat(normalised.get("personKey")).isEqualTo(SourceKey.parse("2002@mkto-1.Marketo").toJson());
        assertThat(normalised.at("/workEmail/address").stringValue()).isEqualTo("p2@townsend.com");
        assertThat(normalised.at("/extSourceSystemAudit/lastUpdatedDate").stringValue()).isEqualTo("2026-10-02T09:15:00Z");
        assertThat(normalised.at("/extSourceSystemAudit/externalKey/sourceKey").stringValue())
                .isEqualTo("0035g00000P2@crm-1.Salesforce");
        assertThat(person.identityMap().identities().map(Identity::toString))
                .containsExactly("email:p2@townsend.com", "b2b_person:0035g00000P2@crm-1.Salesforce");
        assertThat(person.email()).isEqualTo("p2@townsend.com");
        assertThat(person.firstName()).isEqualTo("Pat");
        assertThat(person.lastName()).isEqualTo("Second");
        assertThat(person.jobTitle()).isEqualTo("VP Operations");
        assertThat(person.country()).isEqualTo("US");
        assertThat(person.emailConsent()).isEqualTo("y");
        assertThat(person.personScore()).isEqualByComparingTo("87.5");
        assertThat(person.accountKey()).isEqualTo(SourceKey.parse("1001@mkto-1.Marketo"));
        assertThat(person.deleted()).isFalse();
        assertThat(person.audit().lastUpdatedDate()).isEqualTo(Instant.parse("2026-10-02T09:15:00Z"));
    }

    @Test
    void shouldBindTownsendAccountsAndOpportunity() {
        Account mdm = (Account) VALIDATOR.validateRecord("account", read("account.example.2")).record();
        Account account = (Account) VALIDATOR.validateRecord("account", read("account.example.1")).record();
        Opportunity opportunity = (Opportunity) VALIDATOR.validateRecord("opportunity", read("opportunity.example.1")).record();

        assertThat(mdm.identityMap().identities().map(Identity::value))
                .containsExactly("1001@mkto-1.Marketo", "5001@mkto-2.Marketo");
        assertThat(account.accountOrganization().numberOfEmployees()).isEqualTo(1200L);
        assertThat(account.domain()).isEqualTo("townsend.com");
        assertThat(opportunity.amount()).isEqualByComparingTo(new BigDecimal("200000"));
        assertThat(opportunity.won()).isTrue();
        assertThat(opportunity.accountKey()).isEqualTo(account.key());
    }
}
