package dev.tributary.profile.changes;

import dev.tributary.support.outbox.OutboxWriter;
import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.messaging.Envelope;
import dev.tributary.xdm.messaging.Topics;
import dev.tributary.xdm.profile.v1.ProfileChanged;
import dev.tributary.xdm.profile.v1.ProfileDeleted;
import dev.tributary.xdm.profile.v1.ProfileSplit;
import dev.tributary.xdm.profile.v1.ProfilesMerged;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes a transaction's profile changes to the outbox, bound for {@code cdp.profile.changes.v1}. */
@Component
public class ChangePublisher {

    private final OutboxWriter outbox;

    public ChangePublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public void publish(ChangeSet changes) {
        if (changes.isEmpty()) {
            return;
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
}
