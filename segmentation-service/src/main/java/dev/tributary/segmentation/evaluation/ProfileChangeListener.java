package dev.tributary.segmentation.evaluation;

import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.messaging.Envelope;
import dev.tributary.xdm.messaging.Topics;
import dev.tributary.xdm.profile.v1.ProfileChanged;
import dev.tributary.xdm.profile.v1.ProfileDeleted;
import dev.tributary.xdm.profile.v1.ProfileSplit;
import dev.tributary.xdm.profile.v1.ProfilesMerged;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Streaming evaluation: reads profile changes in batches and re-evaluates the affected ids. The
 * container commits offsets after {@link SegmentEvaluations#evaluateChanged} committed; a failure
 * retries the batch (see {@link KafkaConfiguration}); an unreadable message goes to the dead-letter
 * topic with its reason.
 */
@Component
class ProfileChangeListener {

    private static final Logger log = LoggerFactory.getLogger(ProfileChangeListener.class);

    private final SegmentEvaluations evaluations;
    private final KafkaTemplate<String, String> kafka;

    ProfileChangeListener(SegmentEvaluations evaluations, KafkaTemplate<String, String> kafka) {
        this.evaluations = evaluations;
        this.kafka = kafka;
    }

    @KafkaListener(id = "segmentation-profile-changes", topics = "cdp.profile.changes.v1",
            groupId = "segmentation-service", batch = "true")
    void onChanges(List<ConsumerRecord<String, String>> batch) {
        Set<String> persons = new LinkedHashSet<>();
        Set<String> accounts = new LinkedHashSet<>();
        for (ConsumerRecord<String, String> message : batch) {
            try {
                Changed changed = read(message.value());
                (changed.entityType().equals("account") ? accounts : persons).addAll(changed.ids());
            } catch (RuntimeException e) {
                deadLetter(message, e);
            }
        }
        evaluations.evaluateChanged(persons, accounts);
    }

    record Changed(String entityType, Collection<String> ids) {
    }

    /** The ids a change touches, retired and new ones included. */
    static Changed read(String value) {
        Envelope envelope = XdmJson.mapper().readValue(value, Envelope.class);
        Class<?> type = Topics.payloadType(envelope.type())
                .orElseThrow(() -> new IllegalArgumentException("unknown envelope type " + envelope.type()));
        Object payload = envelope.payloadAs(type, XdmJson.mapper());
        Changed changed;
        if (payload instanceof ProfileChanged c) {
            changed = new Changed(c.entityType(), List.of(c.profileId()));
        } else if (payload instanceof ProfileDeleted d) {
            changed = new Changed(d.entityType(), List.of(d.profileId()));
        } else if (payload instanceof ProfilesMerged m) {
            changed = new Changed(m.entityType(), concat(m.survivorId(), m.mergedIds()));
        } else if (payload instanceof ProfileSplit s) {
            changed = new Changed(s.entityType(), concat(s.survivorId(), s.newIds()));
        } else {
            throw new IllegalArgumentException("not a profile change: " + envelope.type());
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

    private void deadLetter(ConsumerRecord<String, String> message, RuntimeException e) {
        log.warn("Dead-lettering {}-{}@{}: {}", message.topic(), message.partition(), message.offset(), e.toString());
        ProducerRecord<String, String> dead = new ProducerRecord<>(Topics.INGEST_DLQ.name(), message.key(), message.value());
        dead.headers().add("cdp-dlq-reason", String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
        dead.headers().add("cdp-dlq-source", (message.topic() + "-" + message.partition() + "@" + message.offset())
                .getBytes(StandardCharsets.UTF_8));
        kafka.send(dead).join();
    }
}
