package dev.tributary.segmentation.evaluation;

import dev.tributary.segmentation.language.Audience;
import dev.tributary.segmentation.language.CompiledSegment;
import dev.tributary.segmentation.language.Reads;
import dev.tributary.segmentation.language.SegmentLanguage;
import dev.tributary.xdm.profile.v1.ProfileChanged.Change;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which described changes can alter a rule's answer; the database half is in {@code ChangeRelevanceIT}. */
class ChangeRelevanceTest {

    private static final CompiledSegment SEED = SegmentLanguage.compile(Audience.PERSON,
            "sum(accounts.opportunities.amount where isWon = true) > 1000000"
                    + " and exists(events where url contains \"/products/new\" and timestamp in last 1 month)");
    private static final Reads.FactUse WON = SEED.reads().factsOver(dev.tributary.segmentation.language.ProfileReadEntity.OPPORTUNITY).get(0);

    @Test
    void shouldIgnoreAPersonAttributeTheRuleDoesNotRead() {
        assertThat(ChangeRelevance.mayAlter(SEED, Change.attributes("person", List.of("job_title")), Map.of())).isFalse();
        assertThat(ChangeRelevance.mayAlter(SEED, Change.attributes("person", List.of()), Map.of())).isFalse();
    }

    @Test
    void shouldKeepAPersonAttributeTheRuleReadsAnywhere() {
        CompiledSegment coworkers = SegmentLanguage.compile(Audience.PERSON,
                "exists(accounts.persons where jobTitle contains \"CTO\")");

        assertThat(ChangeRelevance.mayAlter(coworkers, Change.attributes("person", List.of("country", "job_title")), Map.of()))
                .isTrue();
    }

    @Test
    void shouldIgnoreTheAmountOfAnOpportunityThatIsNotWonNow() {
        Change amount = new Change("opportunity", "o-open", List.of("amount"));

        assertThat(ChangeRelevance.mayAlter(SEED, amount, Map.of(WON, Set.of("o-other")))).isFalse();
        assertThat(ChangeRelevance.mayAlter(SEED, amount, Map.of(WON, Set.of("o-open")))).isTrue();
    }

    @Test
    void shouldKeepAChangeOfTheColumnsAWhereReads() {
        Change won = new Change("opportunity", "o-open", List.of("stage", "is_won"));

        assertThat(ChangeRelevance.mayAlter(SEED, won, Map.of())).isTrue();
    }

    @Test
    void shouldIgnoreAColumnNoAggregateReads() {
        Change renamed = new Change("opportunity", "o-won", List.of("name", "stage"));

        assertThat(ChangeRelevance.mayAlter(SEED, renamed, Map.of(WON, Set.of("o-won")))).isFalse();
    }

    @Test
    void shouldKeepWhatItCannotJudge() {
        assertThat(ChangeRelevance.mayAlter(SEED, new Change("contract", "c-1", List.of("value")), Map.of())).isTrue();
        CompiledSegment count = SegmentLanguage.compile(Audience.PERSON, "count(accounts.opportunities) > 2");
        // an in-place change never adds or removes an opportunity of the account
        assertThat(ChangeRelevance.mayAlter(count, new Change("opportunity", "o-1", List.of("amount")), Map.of())).isFalse();
    }
}
