package dev.tributary.segmentation.evaluation;

import dev.tributary.segmentation.language.AttributeCatalog;
import dev.tributary.segmentation.language.Audience;
import dev.tributary.segmentation.language.CompiledSegment;
import dev.tributary.segmentation.language.ProfileReadEntity;
import dev.tributary.segmentation.language.SeedDatabase;
import dev.tributary.segmentation.language.SegmentLanguage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Which entities a change sends back to a rule, on the seed scenario: Townsend (U1) holds P1, P2 and P3,
 * opportunities O1 (contact P1) and O2; U2 holds P4 and O9.
 */
class AffectedEntitiesTest {

    private static List<String> affected(Audience audience, String rule, List<String> persons, List<String> accounts) {
        CompiledSegment compiled = SegmentLanguage.compile(audience, rule);
        return SeedDatabase.ids("SELECT x AS entity_id FROM (" + AffectedEntities.sql(audience, compiled.paths()) + ") a(x)",
                Map.of("persons", persons.toArray(String[]::new), "accounts", accounts.toArray(String[]::new)));
    }

    @Test
    void shouldReDecideOnlyTheChangedPersonWhenTheRuleReadsItsOwnAttributesAndEvents() {
        String rule = "score > 5 and exists(events where url contains \"/products/new\")";

        assertThat(affected(Audience.PERSON, rule, List.of("P1"), List.of("U1"))).containsExactly("P1");
    }

    @Test
    void shouldReDecideThePeopleOfAChangedAccountButNotTheCoworkersOfAChangedPersonForTheSeedRule() {
        String seed = "sum(accounts.opportunities.amount where isWon = true) > 1000000 and exists(events)";

        assertThat(affected(Audience.PERSON, seed, List.of(), List.of("U1"))).containsExactly("P1", "P2", "P3");
        assertThat(affected(Audience.PERSON, seed, List.of("P1"), List.of())).containsExactly("P1");
    }

    @Test
    void shouldReDecideCoworkersWhenTheRuleReadsThePeopleOfTheAccounts() {
        assertThat(affected(Audience.PERSON, "exists(accounts.persons where score > 80)", List.of("P3"), List.of()))
                .containsExactly("P1", "P2", "P3");
        assertThat(affected(Audience.PERSON, "count(accounts.events) > 2", List.of("P2"), List.of()))
                .containsExactly("P1", "P2", "P3");
    }

    @Test
    void shouldReDecideTheContactsOfAChangedAccountsOpportunities() {
        assertThat(affected(Audience.PERSON, "exists(opportunities where isWon = true)", List.of(), List.of("U1")))
                .containsExactly("P1");
    }

    @Test
    void shouldReDecideTheAccountsOfAChangedPersonOnlyWhenTheRuleReadsPeople() {
        assertThat(affected(Audience.ACCOUNT, "exists(persons.events where url contains \"/products/new\")", List.of("P2"), List.of()))
                .containsExactly("U1");
        assertThat(affected(Audience.ACCOUNT, "count(opportunities) > 1", List.of("P2"), List.of("U2")))
                .containsExactly("U2");
    }

    @Test
    void shouldKnowTheWayBackAlongEveryRelation() {
        for (ProfileReadEntity type : ProfileReadEntity.values()) {
            for (AttributeCatalog.Relation relation : AttributeCatalog.relations(type)) {
                assertThatCode(() -> AffectedEntities.backwards(relation, "SELECT 'x'"))
                        .as(type.factType() + "." + relation.name()).doesNotThrowAnyException();
            }
        }
    }
}
