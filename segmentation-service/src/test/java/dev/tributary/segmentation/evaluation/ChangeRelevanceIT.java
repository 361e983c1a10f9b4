package dev.tributary.segmentation.evaluation;

import dev.tributary.segmentation.SegmentationFixtures;
import dev.tributary.segmentation.SegmentationIntegrationTest;
import dev.tributary.segmentation.language.Audience;
import dev.tributary.segmentation.language.CompiledSegment;
import dev.tributary.segmentation.language.SegmentLanguage;
import dev.tributary.xdm.profile.v1.ProfileChanged.Change;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tributary.segmentation.SegmentationFixtures.SEED_QUERY;
import static org.assertj.core.api.Assertions.assertThat;

/** A described opportunity change is judged against the opportunity as PostgreSQL holds it now. */
@SegmentationIntegrationTest
class ChangeRelevanceIT {

    @Autowired
    ChangeRelevance relevance;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void seed() {
        SegmentationFixtures.loadSeedScenario(jdbc);
    }

    @Test
    void shouldKeepOnlyTheAccountWhoseWonOpportunityChangedAmount() {
        CompiledSegment seed = SegmentLanguage.compile(Audience.PERSON, SEED_QUERY);
        Map<String, List<Change>> changed = new LinkedHashMap<>();
        changed.put("account-won", List.of(new Change("opportunity", "opp-2001@crm-2.Dynamics", List.of("amount"))));
        changed.put("account-unknown-opportunity", List.of(new Change("opportunity", "opp-nowhere@crm-9.Dynamics", List.of("amount"))));
        changed.put("account-retitled", List.of(Change.attributes("account", List.of("name"))));
        changed.put("account-undescribed", null);

        assertThat(relevance.relevant(seed, changed)).containsExactly("account-won", "account-undescribed");
    }

    @Test
    void shouldDropTheAmountOfAnOpportunityThatIsNoLongerWon() {
        SegmentationFixtures.ingest(List.of(SegmentationFixtures.changed("opp-2001@crm-2.Dynamics",
                java.time.Instant.parse("2026-11-01T09:00:00Z"), Map.of("isWon", false, "opportunityStage", "Closed Lost"))));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM profile_read.opportunity WHERE opportunity_id = 'opp-2001@crm-2.Dynamics' AND NOT is_won")
                .query(Long.class).single() == 1);
        CompiledSegment seed = SegmentLanguage.compile(Audience.PERSON, SEED_QUERY);

        assertThat(relevance.relevant(seed, Map.of("account", List.of(
                new Change("opportunity", "opp-2001@crm-2.Dynamics", List.of("amount")))))).isEmpty();
    }
}
