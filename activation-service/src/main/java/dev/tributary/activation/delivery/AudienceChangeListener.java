package dev.tributary.activation.delivery;

import dev.tributary.support.kafka.DeadLetters;
import dev.tributary.xdm.audience.v1.MembershipChanged;
import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.messaging.Envelope;
import dev.tributary.xdm.messaging.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows {@code cdp.audience.changes.v1}: each membership change of an activated segment becomes a pending ledger
 * row, in one transaction per polled batch; offsets are committed after it. Redelivered or older changes change
 * nothing (the ledger keeps the newest by {@code occurredAt}); an unreadable message goes to the dead-letter topic.
 */
@Component
class AudienceChangeListener {

    private final Ledger ledger;
    private final DeliveryWorker worker;
    private final DeadLetters deadLetters;

    AudienceChangeListener(Ledger ledger, DeliveryWorker worker, DeadLetters deadLetters) {
        this.ledger = ledger;
        this.worker = worker;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(id = "activation-audience-changes", topics = Topics.AUDIENCE_CHANGES_NAME,
            groupId = "activation-service", batch = "true")
    void onChanges(List<ConsumerRecord<String, String>> batch) {
        List<MembershipChanged> changes = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, String> message : batch) {
            try {
                changes.add(read(message.value()));
            } catch (RuntimeException e) {
                deadLetters.send(message, e);
            }
        }
        if (ledger.record(changes) > 0) {
            worker.wakeUp();
        }
    }

    static MembershipChanged read(String value) {
        String type = Envelope.typeOf(value, XdmJson.mapper());
        if (!Topics.AUDIENCE_CHANGES.envelopeType().equals(type)) {
            throw new IllegalArgumentException("not a membership change: " + type);
        }
        MembershipChanged change = Envelope.read(value, MembershipChanged.class, XdmJson.mapper()).payload();
        if (change == null || change.segmentId() == null || change.entityId() == null || change.occurredAt() == null
                || !("entered".equals(change.change()) || "exited".equals(change.change()))) {
            throw new IllegalArgumentException("membership change without segmentId, entityId, occurredAt or "
                    + "change entered|exited");
        }
        return change;
    }
}
