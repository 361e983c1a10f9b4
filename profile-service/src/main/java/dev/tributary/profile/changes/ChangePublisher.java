package dev.tributary.profile.changes;

import dev.tributary.support.outbox.OutboxWriter;
import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.messaging.Envelope;
import dev.tributary.xdm.messaging.Topics;
import dev.tributary.xdm.profile.v1.ProfileChanged;
import dev.tributary.xdm.profile.v1.ProfileDeleted;
import dev.tributary.xdm.profile.v1.ProfileSplit;
import dev.tributary.xdm.profile.v1.ProfilesMerged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a transaction's profile changes to the outbox, bound for {@code cdp.profile.changes.v1}, and counts its merges
 * and splits once it commits ({@code cdp.profile.merges{entityType}}, {@code cdp.profile.splits{entityType}}: one
 * per {@code profile.merged} / {@code profile.split} message).
 */
@Component
public class ChangePublisher {

    private final OutboxWriter outbox;
    private final MeterRegistry registry;

    public ChangePublisher(OutboxWriter outbox, MeterRegistry registry) {
        this.outbox = outbox;
        this.registry = registry;
    }

    public void publish(ChangeSet changes) {
        if (changes.isEmpty()) {
            return;
        }
        if (!changes.merges().isEmpty() || !changes.splits().isEmpty()) {
            countAfterCommit(changes);
        }
        Instant now = Instant.now();
        String topic = Topics.PROFILE_CHANGES.name();
        List<OutboxWriter.Message> messages = new ArrayList<>();
        // merges, splits and deletions first: a consumer reading a change of the survivor already
        // knows which ids it replaced
        for (ChangeSet.Merge m : changes.merges()) {
            messages.add(message(topic, ProfilesMerged.TYPE, m.survivorId(),
                    new ProfilesMerged(m.type().id(), m.survivorId(), m.mergedIds(), now)));
        }
        for (ChangeSet.Split s : changes.splits()) {
            messages.add(message(topic, ProfileSplit.TYPE, s.survivorId(),
                    new ProfileSplit(s.type().id(), s.survivorId(), s.newIds(), now)));
        }
        for (ChangeSet.ProfileRef d : changes.deletions()) {
            messages.add(message(topic, ProfileDeleted.TYPE, d.id(), new ProfileDeleted(d.type().id(), d.id(), now)));
        }
        changes.changed().forEach((ref, entry) -> messages.add(message(topic, ProfileChanged.TYPE, ref.id(),
                new ProfileChanged(ref.type().id(), ref.id(), List.copyOf(entry.reasons()), now, entry.details()))));
        outbox.appendAll(messages);
    }

    private static OutboxWriter.Message message(String topic, String type, String key, Object payload) {
        return new OutboxWriter.Message(topic, key, Envelope.json(type, key, payload, XdmJson.mapper()));
    }

    /** A batch retried after a rollback would count twice if counted before its commit. */
    private void countAfterCommit(ChangeSet changes) {
        Runnable count = () -> {
            changes.merges().forEach(m -> counter("cdp.profile.merges", m.type().id()).increment());
            changes.splits().forEach(s -> counter("cdp.profile.splits", s.type().id()).increment());
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }

    private Counter counter(String name, String entityType) {
        return Counter.builder(name).tag("entityType", entityType)
                .description(name.endsWith("merges") ? "Profiles that absorbed others (profile.merged messages)"
                        : "Profiles split apart (profile.split messages)")
                .register(registry);
    }
}
