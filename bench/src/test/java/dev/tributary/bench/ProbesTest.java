package dev.tributary.bench;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ProbesTest {

    @Test
    void shouldPollNothingNewerWhileTheOldestProbeIsNotVisible() throws Exception {
        Probes probes = new Probes(5, 60);
        try {
            AtomicBoolean applied = new AtomicBoolean();
            AtomicInteger newerPolls = new AtomicInteger();
            long acceptedAt = System.nanoTime();
            probes.probe(acceptedAt, applied::get);
            for (int i = 0; i < 20; i++) {
                probes.probe(acceptedAt, () -> {
                    newerPolls.incrementAndGet();
                    return applied.get();
                });
            }
            Thread.sleep(100);
            assertThat(newerPolls).hasValue(0);
            assertThat(probes.polls.get()).isPositive();

            applied.set(true);
            probes.awaitAll(10);

            assertThat(probes.latency.count()).isEqualTo(21);
            assertThat(newerPolls).as("each newer probe is polled once, when already visible").hasValue(20);
            assertThat(probes.latency.pct(0)).isGreaterThanOrEqualTo(100);
        } finally {
            probes.shutdown();
        }
    }

    @Test
    void shouldCountAProbeNeverVisibleAsTimedOutAndGoOnWithTheNextOne() throws Exception {
        Probes probes = new Probes(5, 0);
        try {
            long acceptedAt = System.nanoTime();
            probes.probe(acceptedAt, () -> false);
            probes.probe(acceptedAt, () -> true);

            probes.awaitAll(10);

            assertThat(probes.timedOut).hasValue(1);
            assertThat(probes.latency.count()).isEqualTo(1);
        } finally {
            probes.shutdown();
        }
    }
}
