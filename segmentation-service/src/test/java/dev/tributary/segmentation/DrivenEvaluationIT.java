package dev.tributary.segmentation;

import dev.tributary.segmentation.language.Audience;
import dev.tributary.segmentation.language.CompiledSegment;
import dev.tributary.segmentation.language.SegmentLanguage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full evaluation drawn from a rule's driving conjunct, with its top-level {@code not exists} subtracted by
 * {@code EXCEPT} (ADR 0010, {@code SqlCompiler}), and its repeating form for the membership diff, select exactly whom
 * the rule tested on every person selects: random organisations, random rules and rules of that shape.
 */
@SegmentationIntegrationTest
class DrivenEvaluationIT {

    private static final int ORGANISATIONS = 3;
    private static final int RANDOM_RULES = 30;
    private static final List<String> SHAPED_RULES = List.of(
            "exists(accounts.opportunities where isWon = true) and not exists(events where eventType = \"commerce.purchases\")",
            "not exists(events where url contains \"/products/new\") and exists(opportunities)",
            "exists(events) and not exists(events where eventType = \"web.webpagedetails.pageViews\")"
                    + " and not exists(accounts.opportunities where amount > 500000)",
            "sum(accounts.opportunities.amount where isWon = true) > 100000 and not exists(events where timestamp in last 7 days)",
            "exists(accounts.opportunities) and not exists(campaigns where hasResponded = true)");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldSelectFromADrivingConjunctExactlyWhomTheRuleTestedOnEveryPersonSelects() {
        long base = Long.getLong("driven.property.seed", System.nanoTime());
        int nonEmpty = 0;
        for (int o = 0; o < ORGANISATIONS; o++) {
            long seed = base + o;
            RandomOrganisation organisation = RandomOrganisation.createdAfresh(seed, jdbc, clock);
            List<String> rules = new ArrayList<>(SHAPED_RULES);
            for (int r = 0; r < RANDOM_RULES; r++) {
                rules.add(RandomOrganisation.randomQuery(seed * 31 + r));
            }
            for (String rule : rules) {
                CompiledSegment compiled = SegmentLanguage.compile(Audience.PERSON, rule);
                Set<String> everyone = organisation.selected(jdbc, compiled,
                        "SELECT e.person_id AS entity_id FROM profile_read.person e WHERE " + compiled.condition());
                assertThat(organisation.selected(jdbc, compiled, compiled.selectAll()))
                        .as("seed %d (-Ddriven.property.seed=%d), rule %s", seed, base, rule)
                        .isEqualTo(everyone);
                assertThat(organisation.selected(jdbc, compiled, compiled.selectRepeating()))
                        .as("repeating form, seed %d (-Ddriven.property.seed=%d), rule %s", seed, base, rule)
                        .isEqualTo(everyone);
                nonEmpty += everyone.isEmpty() ? 0 : 1;
            }
        }
        assertThat(nonEmpty).as("rules that selected somebody").isPositive();
    }
}
