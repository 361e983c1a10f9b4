package dev.tributary.profile.fragment;

import dev.tributary.profile.fragment.Projections.Projection;
import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.XdmClass;
import dev.tributary.xdm.json.XdmJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionsTest {

    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");

    private static JsonNode json(String text) {
        return XdmJson.mapper().readTree(text);
    }

    private static FragmentChange change(XdmClass xdmClass, String key, String before, String after) {
        IncomingRecord incoming = new IncomingRecord(xdmClass, SourceKey.parse(key), json(after), T.plusSeconds(1), false, "b");
        StoredFragment previous = new StoredFragment(key, xdmClass.jsonName(), T, "a", false, "p-1", json(before));
        return new FragmentChange(incoming, previous);
    }

    private static final String OPPORTUNITY = """
            {"opportunityKey":{"sourceKey":"o1@sf-1.Salesforce"},"accountKey":{"sourceKey":"a1@sf-1.Salesforce"},
             "opportunityName":"Renewal","opportunityStage":"Open","opportunityAmount":{"amount":%s,"currencyCode":"USD"},
             "isWon":false,"isClosed":false,"expectedCloseDate":"2026-12-31"}""";

    @Test
    void shouldWriteTheOpportunityRowInTheColumnOrderOfItsTable() {
        IncomingRecord r = change(XdmClass.OPPORTUNITY, "o1@sf-1.Salesforce", OPPORTUNITY.formatted(100), OPPORTUNITY.formatted(100))
                .incoming();

        Object[] row = Projections.BY_CLASS.get(XdmClass.OPPORTUNITY).row(r, "o1@sf-1.Salesforce");

        assertThat(Projections.OPPORTUNITY.columns()).containsExactly("source_key", "account_key", "source_type",
                "source_instance_id", "name", "stage", "amount", "currency", "is_won", "is_closed", "close_date", "updated_at");
        assertThat(row).containsExactly("o1@sf-1.Salesforce", "a1@sf-1.Salesforce", "Salesforce", "sf-1", "Renewal", "Open",
                new BigDecimal("100"), "USD", false, false, LocalDate.parse("2026-12-31"), T.plusSeconds(1));
    }

    @Test
    void shouldNameOnlyTheAmountWhenAnOpenOpportunityChangesItsAmount() {
        FragmentChange change = change(XdmClass.OPPORTUNITY, "o1@sf-1.Salesforce", OPPORTUNITY.formatted(100),
                OPPORTUNITY.formatted(250));

        RelationshipProjection.OpportunityChange inPlace =
                RelationshipProjection.changedInPlace(Projections.BY_CLASS.get(XdmClass.OPPORTUNITY), change);

        assertThat(inPlace.accountKey()).isEqualTo("a1@sf-1.Salesforce");
        assertThat(inPlace.fields()).containsExactly("amount");
    }

    @Test
    void shouldNotReprojectAContactWhoseAccountDidNotChange() {
        String before = """
                {"personKey":{"sourceKey":"1@mkto-1.Marketo"},"accountKey":{"sourceKey":"a1@sf-1.Salesforce"},
                 "extendedWorkDetails":{"jobTitle":"CTO"}}""";
        String after = before.replace("CTO", "CEO");
        Projection person = Projections.BY_CLASS.get(XdmClass.PERSON);

        assertThat(RelationshipProjection.projectsAsBefore(person, change(XdmClass.PERSON, "1@mkto-1.Marketo", before, after)))
                .isTrue();
        assertThat(RelationshipProjection.projectsAsBefore(person, change(XdmClass.PERSON, "1@mkto-1.Marketo", before,
                after.replace("a1@", "a2@")))).isFalse();
    }

    @Test
    void shouldWriteNoPrimaryLinkForAPersonWithoutAccount() {
        IncomingRecord r = new IncomingRecord(XdmClass.PERSON, SourceKey.parse("1@mkto-1.Marketo"),
                json("{\"personKey\":{\"sourceKey\":\"1@mkto-1.Marketo\"}}"), T, false, "a");

        assertThat(Projections.BY_CLASS.get(XdmClass.PERSON).row(r, "1@mkto-1.Marketo")).isNull();
    }

    @Test
    void shouldKeepTheLinkStatementOfAdr17() {
        assertThat(RelationshipProjection.linkInsertSql()).isEqualTo("""
                INSERT INTO person_account_link (link_key, person_key, account_key, relation, role, is_active, person_id, account_id)
                SELECT u.link_key,
                       u.person_key,
                       u.account_key,
                       u.relation,
                       u.role,
                       CAST(u.is_active AS boolean),
                       (SELECT p.profile_id FROM identity_profile p WHERE p.entity_type = 'person' AND p.namespace = 'b2b_person' AND p.value = u.person_key),
                       (SELECT p.profile_id FROM identity_profile p WHERE p.entity_type = 'account' AND p.namespace = 'b2b_account' AND p.value = u.account_key)
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(link_key, person_key, account_key, relation, role, is_active)""");
    }
}
