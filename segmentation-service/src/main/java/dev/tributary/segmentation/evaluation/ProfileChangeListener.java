package dev.tributary.segmentation.evaluation;

import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.messaging.Envelope;
import dev.tributary.xdm.messaging.Topics;
import dev.tributary.xdm.profile.v1.ProfileChanged;
import dev.tributary.xdm.profile.v1.ProfileDeleted;
import dev.tributary.xdm.profile.v1.ProfileSplit;
import dev.tributary.xdm.profile.v1.ProfilesMerged;
import dev.tributary.support.kafka.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Streaming evaluation: reads profile changes in batches and re-evaluates the affected ids. The
 * container commits offsets after {@link StreamingEvaluations#evaluateChanged} committed; a failure
 * retries the batch (service-support's retry-forever error handler); an unreadable message goes to the dead-letter
 * topic with its reason.
 */
@Component
class ProfileChangeListener {

    private final StreamingEvaluations evaluations;
    private final DeadLetters deadLetters;
    private final EvaluationMeters meters;

    ProfileChangeListener(StreamingEvaluations evaluations, DeadLetters deadLetters, EvaluationMeters meters) {
        this.evaluations = evaluations;
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    @KafkaListener(id = "segmentation-profile-changes", topics = Topics.PROFILE_CHANGES_NAME,
            groupId = "segmentation-service", batch = "true")
    void onChanges(List<ConsumerRecord<String, String>> batch) {
        ProfileChanges changes = new ProfileChanges();
        Instant oldest = null;
        for (ConsumerRecord<String, String> message : batch) {
            try {
                Changed changed = read(message.value());
                changed.ids().forEach(id -> changes.add(changed.entityType(), id, changed.details()));
                if (changed.occurredAt() != null && (oldest == null || changed.occurredAt().isBefore(oldest))) {
                    oldest = changed.occurredAt();
                }
            } catch (RuntimeException e) {
                deadLetters.send(message, e);
            }
        }
        if (evaluations.evaluateChanged(changes) > 0 && oldest != null) {
            meters.streamed(oldest);
        }
    }

    /**
     * @param details what changed, when the message says exactly (one id then); else null
     * @param occurredAt when profile-service committed the change
     */
    record Changed(String entityType, Collection<String> ids, List<ProfileChanged.Change> details, Instant occurredAt) {
        Changed(String entityType, Collection<String> ids, Instant occurredAt) {
            this(entityType, ids, null, occurredAt);
        }
    }

    /** The ids a change touches, retired and new ones included. */
    static Changed read(String value) {
        String envelopeType = Envelope.typeOf(value, XdmJson.mapper());
        Class<?> type = Topics.payloadType(envelopeType)
                .orElseThrow(() -> new IllegalArgumentException("unknown envelope type " + envelopeType));
        Object payload = Envelope.read(value, type, XdmJson.mapper()).payload();
        Changed changed;
        if (payload instanceof ProfileChanged c) {
            changed = new Changed(c.entityType(), List.of(c.profileId()), c.changes(), c.occurredAt());
        } else if (payload instanceof ProfileDeleted d) {
            changed = new Changed(d.entityType(), List.of(d.profileId()), d.occurredAt());
        } else if (payload instanceof ProfilesMerged m) {
            changed = new Changed(m.entityType(), concat(m.survivorId(), m.mergedIds()), m.occurredAt());
        } else if (payload instanceof ProfileSplit s) {
            changed = new Changed(s.entityType(), concat(s.survivorId(), s.newIds()), s.occurredAt());
        } else {
            throw new IllegalArgumentException("not a profile change: " + envelopeType);
        }
        if (!"person".equals(changed.entityType()) && !"account".equals(changed.entityType())) {
            throw new IllegalArgumentException("unknown entity type " + changed.entityType());
        }
        if (changed.ids().stream().anyMatch(id -> id == null || id.isBlank())) {
            throw new IllegalArgumentException("profile change without an id");
        }
        return changed;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> ids = new ArrayList<>();
        ids.add(first);
        if (rest != null) {
            ids.addAll(rest);
        }
        return ids;
    }
}
