package dev.tributary.segmentation;

import dev.tributary.segmentation.definition.SegmentDefinition;
import dev.tributary.segmentation.definition.SegmentDefinitions;
import dev.tributary.segmentation.definition.SegmentRequest;
import dev.tributary.segmentation.language.CompiledSegment;
import dev.tributary.segmentation.membership.Memberships;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Streaming membership, after any sequence of profile changes, equals what a fresh batch evaluation
 * would decide now: random organisations, random rules, random changes. A failure names its seed.
 */
@SegmentationIntegrationTest
class StreamingMatchesBatchIT {

    private static final int ORGANISATIONS = Integer.getInteger("streaming.property.organisations", 8);
    private static final int STEPS = 4;
    private static final int SEGMENTS = 3;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    SegmentDefinitions definitions;
    @Autowired
    Memberships memberships;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldMatchAFreshBatchEvaluationAfterAnySequenceOfChanges() {
        long base = Long.getLong("streaming.property.seed", System.nanoTime());
        long streamedChanges = 0;
        for (int i = 0; i < ORGANISATIONS; i++) {
            long seed = base + i;
            try {
                streamedChanges += checkOrganisation(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("streaming disagreed with batch for -Dstreaming.property.seed=" + seed
                        + ": " + e.getMessage(), e);
            }
        }
        // the agreement must come from streaming, not only from the creation-time batch runs
        assertThat(streamedChanges).as("membership changes made by streaming evaluations").isPositive();
    }

    /** Returns how many membership changes streaming evaluations made. */
    private long checkOrganisation(long seed) {
        RandomOrganisation organisation = RandomOrganisation.createdAfresh(seed, jdbc, clock);

        List<SegmentDefinition> segments = new ArrayList<>();
        for (int s = 0; s < SEGMENTS; s++) {
            segments.add(definitions.create(new SegmentRequest("random " + s, "person",
                    RandomOrganisation.randomQuery(seed * 31 + s), "streaming", null)));
        }
        for (int step = 0; step <= STEPS; step++) {
            if (step > 0) {
                organisation.change();
            }
            int atStep = step;
            assertThat(deadReferences()).as("step %d: unified ids in profile_read naming no live profile", step).isEmpty();
            for (SegmentDefinition segment : segments) {
                CompiledSegment rule = segment.compile();
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                        assertThat(SegmentationFixtures.activeMembers(jdbc, segment.id()))
                                .as("step %d, rule %s", atStep, segment.normalisedQuery())
                                .isEqualTo(organisation.selected(jdbc, rule, rule.selectAll())));
                assertThat(memberships.activeMembers(segment.id()))
                        .as("step %d, rule %s: the maintained member count", atStep, segment.normalisedQuery())
                        .isEqualTo(SegmentationFixtures.activeMembers(jdbc, segment.id()).size());
            }
        }
        return jdbc.sql("SELECT coalesce(sum(entered + exited), 0) FROM segmentation.evaluation WHERE trigger = 'streaming'")
                .query(Long.class).single();
    }

    /**
     * The {@code profile_read} contract a full evaluation relies on when it draws its members from a fact view
     * instead of the person view (ADR 0010): every unified id in a view names a live profile.
     */
    private List<String> deadReferences() {
        return jdbc.sql("""
                        SELECT r.view || ' ' || r.id FROM (
                            SELECT 'person_account', person_id FROM profile_read.person_account
                            UNION ALL SELECT 'opportunity_person', person_id FROM profile_read.opportunity_person
                            UNION ALL SELECT 'campaign_membership', person_id FROM profile_read.campaign_membership
                            UNION ALL SELECT 'list_membership', person_id FROM profile_read.list_membership
                            UNION ALL SELECT 'event', person_id FROM profile_read.event) r(view, id)
                        WHERE r.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM profile_read.person p WHERE p.person_id = r.id)
                        UNION ALL
                        SELECT r.view || ' ' || r.id FROM (
                            SELECT 'person_account', account_id FROM profile_read.person_account
                            UNION ALL SELECT 'opportunity', account_id FROM profile_read.opportunity) r(view, id)
                        WHERE r.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM profile_read.account a WHERE a.account_id = r.id)""")
                .query(String.class).list();
    }
}
