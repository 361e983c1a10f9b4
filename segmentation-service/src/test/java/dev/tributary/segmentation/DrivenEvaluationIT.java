package dev.tributary.segmentation;

import dev.tributary.profile.ingest.ProfileUpdates;
import dev.tributary.segmentation.language.Audience;
import dev.tributary.segmentation.language.CompiledSegment;
import dev.tributary.segmentation.language.SegmentLanguage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full evaluation drawn from a rule's driving conjunct, with its top-level {@code not exists} subtracted by
 * {@code EXCEPT} (ADR 0010, {@code SqlCompiler}), selects exactly whom the rule tested on every person selects:
 * random organisations, random rules and rules of that shape.
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
            "sum(accounts.opportunities.amount where isWon = true) > 100000 and not exists(events where timestamp in last 7 days)");

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
            SegmentationFixtures.truncate(jdbc);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            clock.freeze(now);
            new RandomOrganisation(seed, UpstreamServices.profile().getBean(ProfileUpdates.class), now).create();
            List<String> rules = new ArrayList<>(SHAPED_RULES);
            for (int r = 0; r < RANDOM_RULES; r++) {
                rules.add(RandomOrganisation.randomQuery(seed * 31 + r));
            }
            for (String rule : rules) {
                CompiledSegment compiled = SegmentLanguage.compile(Audience.PERSON, rule);
                Set<String> everyone = members("SELECT e.person_id AS entity_id FROM profile_read.person e WHERE "
                        + compiled.condition(), compiled, now);
                assertThat(members(compiled.selectAll(), compiled, now))
                        .as("seed %d (-Ddriven.property.seed=%d), rule %s", seed, base, rule)
                        .isEqualTo(everyone);
                nonEmpty += everyone.isEmpty() ? 0 : 1;
            }
        }
        assertThat(nonEmpty).as("rules that selected somebody").isPositive();
    }

    private Set<String> members(String sql, CompiledSegment compiled, Instant now) {
        Map<String, Object> params = new HashMap<>(compiled.parameters());
        params.put("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        return new TreeSet<>(jdbc.sql(sql).params(params).query(String.class).list());
    }
}
