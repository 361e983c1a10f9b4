package dev.tributary.profile.ingest;

import dev.tributary.profile.deadletter.Failures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Applies a polled batch in one transaction and, only if that fails for a reason retrying cannot cure, finds the
 * messages that fail by halving it: each half in its own transaction, down to single messages, which are
 * dead-lettered. A failure that may pass (the database unreachable, a deadlock) is thrown, so the container retries
 * the whole batch; what a half already applied is applied again as a no-op (ADR 0021).
 */
final class BatchIsolation {

    /** A polled message and what was read from it. */
    record Polled<T>(ConsumerRecord<String, String> message, T value) {
    }

    private static final Logger log = LoggerFactory.getLogger(BatchIsolation.class);

    private BatchIsolation() {
    }

    static <T> void apply(String what, List<Polled<T>> batch, Consumer<List<T>> apply,
                          BiConsumer<ConsumerRecord<String, String>, RuntimeException> deadLetter) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            apply.accept(values(batch));
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                log.warn("A batch of {} {} failed ({}); retried", batch.size(), what, Failures.kind(e));
                throw e;
            }
            log.warn("A batch of {} {} failed ({}); applying it in parts to isolate what fails", batch.size(), what,
                    Failures.kind(e));
            isolate(what, batch, e, apply, deadLetter);
        }
    }

    private static <T> void isolate(String what, List<Polled<T>> failed, RuntimeException failure, Consumer<List<T>> apply,
                                    BiConsumer<ConsumerRecord<String, String>, RuntimeException> deadLetter) {
        if (failed.size() == 1) {
            deadLetter.accept(failed.get(0).message(), failure);
            return;
        }
        int half = failed.size() / 2;
        for (List<Polled<T>> part : List.of(failed.subList(0, half), failed.subList(half, failed.size()))) {
            try {
                apply.accept(values(part));
            } catch (RuntimeException e) {
                if (Failures.isTransient(e)) {
                    log.warn("A part of {} {} failed ({}); the batch is retried", part.size(), what, Failures.kind(e));
                    throw e;
                }
                isolate(what, part, e, apply, deadLetter);
            }
        }
    }

    private static <T> List<T> values(List<Polled<T>> batch) {
        return batch.stream().map(Polled::value).toList();
    }
}
