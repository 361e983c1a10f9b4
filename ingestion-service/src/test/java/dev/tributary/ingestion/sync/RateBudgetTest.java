package dev.tributary.ingestion.sync;

import dev.tributary.ingestion.connector.RateLimit;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RateBudgetTest {

    /** A clock the budget's waits move forward. */
    static final class FakeClock extends Clock {
        Instant now = Instant.parse("2026-11-01T10:00:00Z");
        final List<Duration> waits = new ArrayList<>();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void sleep(Duration duration) {
            waits.add(duration);
            now = now.plus(duration);
        }
    }

    @Test
    void shouldAdmitCallsPerWindowAtOnceAndMakeTheNextWaitUntilTheFirstLeavesTheWindow() {
        FakeClock clock = new FakeClock();
        RateBudget budget = new RateBudget(new RateLimit("mkto-1", 3, Duration.ofSeconds(20), 0, 0), clock, clock::sleep);
        List<Instant> admitted = new ArrayList<>();

        for (int i = 0; i < 7; i++) {
            budget.admit();
            admitted.add(clock.instant());
            budget.release();
        }

        Instant start = Instant.parse("2026-11-01T10:00:00Z");
        assertThat(admitted).containsExactly(start, start, start, start.plusSeconds(20), start.plusSeconds(20),
                start.plusSeconds(20), start.plusSeconds(40));
        assertThat(clock.waits).containsExactly(Duration.ofSeconds(20), Duration.ofSeconds(20));
    }

    @Test
    void shouldCountACallFromItsStartSoASlidingWindowAdmitsAsEarlierCallsAge() {
        FakeClock clock = new FakeClock();
        RateBudget budget = new RateBudget(new RateLimit("crm-1", 2, Duration.ofSeconds(10), 0, 0), clock, clock::sleep);

        budget.admit();
        clock.now = clock.now.plusSeconds(6);
        budget.admit();
        budget.admit();

        // the third waits only until the first call is 10 s old, not a whole window after the second
        assertThat(clock.waits).containsExactly(Duration.ofSeconds(4));
    }

    @Test
    void shouldAdmitAtMostMaxConcurrentCallsInFlight() {
        FakeClock clock = new FakeClock();
        RateBudget budget = new RateBudget(new RateLimit("crm-2", 0, Duration.ZERO, 2, 0), clock, clock::sleep);

        budget.admit();
        budget.admit();
        Thread third = new Thread(budget::admit);
        third.start();

        org.awaitility.Awaitility.await().until(() -> third.getState() == Thread.State.WAITING);
        assertThat(third.isAlive()).isTrue();
        budget.release();
        org.awaitility.Awaitility.await().until(() -> !third.isAlive());
    }
}
