package dev.tributary.segmentation.evaluation;

import dev.tributary.segmentation.SegmentationFixtures;
import dev.tributary.segmentation.SegmentationIntegrationTest;
import dev.tributary.segmentation.language.Audience;
import dev.tributary.segmentation.language.CompiledSegment;
import dev.tributary.segmentation.language.SegmentLanguage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import static dev.tributary.segmentation.SegmentationFixtures.SEED_QUERY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A time re-check re-decides the people owning a fact that crossed one of the rule's windows between two
 * instants, found in PostgreSQL: here p2's page view of the new product page (20 days old in the seed) and the
 * seed rule's "timestamp in last 1 month".
 */
@SegmentationIntegrationTest
class TimeCrossingIT {

    @Autowired
    AffectedEntities affected;
    @Autowired
    JdbcClient jdbc;

    CompiledSegment seed;
    String p2;
    Instant viewed;

    @BeforeEach
    void seed() {
        SegmentationFixtures.loadSeedScenario(jdbc);
        seed = SegmentLanguage.compile(Audience.PERSON, SEED_QUERY);
        p2 = jdbc.sql("SELECT person_id FROM profile_read.person WHERE email = 'p2@townsend.com'").query(String.class).single();
        viewed = jdbc.sql("SELECT ts FROM profile_read.event WHERE person_id = ? AND strpos(url, '/products/new') > 0")
                .param(p2).query(OffsetDateTime.class).single().toInstant();
    }

    @Test
    void shouldRecheckThePersonWhosePageViewLeftTheWindow() {
        // 25 days after the view it is inside "last 1 month", 40 days after it is not
        assertThat(affected.crossedWindows(seed, viewed.plus(Duration.ofDays(25)), viewed.plus(Duration.ofDays(40))))
                .contains(p2);
    }

    @Test
    void shouldNotRecheckThePersonWhosePageViewStayedInTheWindow() {
        assertThat(affected.crossedWindows(seed, viewed.plus(Duration.ofDays(1)), viewed.plus(Duration.ofDays(2))))
                .doesNotContain(p2);
    }

    @Test
    void shouldRecheckThePersonWhosePageViewEnteredTheWindowWhenItsTimeCame() {
        // a fact stamped ahead of the clock is outside "last 1 month" until that time
        assertThat(affected.crossedWindows(seed, viewed.minus(Duration.ofMinutes(1)), viewed.plus(Duration.ofMinutes(1))))
                .contains(p2);
    }
}
