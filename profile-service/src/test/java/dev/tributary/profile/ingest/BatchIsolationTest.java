package dev.tributary.profile.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchIsolationTest {

    private final List<List<Integer>> applied = new ArrayList<>();
    private final List<Long> deadLettered = new ArrayList<>();

    @Test
    void shouldApplyAHealthyBatchInOneCall() {
        BatchIsolation.apply("records", batch(10), recording(values -> {
        }), (m, e) -> deadLettered.add(m.offset()));

        assertThat(applied).containsExactly(IntStream.range(0, 10).boxed().toList());
        assertThat(deadLettered).isEmpty();
    }

    @Test
    void shouldDeadLetterOnlyTheMessageThatFailsAndApplyTheOthersInTheirOrder() {
        BatchIsolation.apply("records", batch(10), recording(values -> {
            if (values.contains(6) || values.contains(2)) {
                throw new IllegalStateException("refused");
            }
        }), (m, e) -> deadLettered.add(m.offset()));

        assertThat(deadLettered).containsExactly(2L, 6L);
        assertThat(applied.stream().flatMap(List::stream)).containsExactly(0, 1, 3, 4, 5, 7, 8, 9);
        // halving, not one transaction a message: 10 messages with 2 bad ones take far fewer than 10 attempts
        assertThat(applied).hasSizeLessThan(10);
    }

    @Test
    void shouldRethrowATransientFailureOfTheBatchWithoutDeadLetteringAnything() {
        RuntimeException down = new CannotGetJdbcConnectionException("pool exhausted", new SQLException("timeout", "08001"));

        assertThatThrownBy(() -> BatchIsolation.apply("records", batch(5), values -> {
            throw down;
        }, (m, e) -> deadLettered.add(m.offset()))).isSameAs(down);
        assertThat(deadLettered).isEmpty();
    }

    @Test
    void shouldRethrowWhenTheMessageThatFailsFailsTransientlyAlone() {
        // the batch fails for a bad value, but alone the message meets a deadlock: retried, not dead-lettered
        RuntimeException deadlock = new DataAccessResourceFailureException("deadlock", new SQLException("deadlock detected", "40P01"));

        assertThatThrownBy(() -> BatchIsolation.apply("records", batch(4), values -> {
            if (values.equals(List.of(3))) {
                throw deadlock;
            }
            if (values.contains(3)) {
                throw new IllegalStateException("refused");
            }
        }, (m, e) -> deadLettered.add(m.offset()))).isSameAs(deadlock);
        assertThat(deadLettered).isEmpty();
    }

    private Consumer<List<Integer>> recording(Consumer<List<Integer>> apply) {
        return values -> {
            apply.accept(values);
            applied.add(values);
        };
    }

    private static List<BatchIsolation.Polled<Integer>> batch(int size) {
        return IntStream.range(0, size)
                .mapToObj(i -> new BatchIsolation.Polled<>(new ConsumerRecord<>("cdp.xdm.records.v1", 0, i, "k" + i, "v" + i), i))
                .toList();
    }
}
