package dev.tributary.profile.ingest;

import dev.tributary.profile.deadletter.DeadLetterReplayer;
import dev.tributary.profile.deadletter.DeadLetterStore;
import dev.tributary.profile.deadletter.Failures;
import dev.tributary.profile.deadletter.UnreadableMessageException;
import dev.tributary.profile.fragment.ContentHash;
import dev.tributary.profile.fragment.IncomingRecord;
import dev.tributary.profile.fragment.Json;
import dev.tributary.xdm.Identity;
import dev.tributary.xdm.IdentityMap;
import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.XdmClass;
import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.messaging.Envelope;
import dev.tributary.xdm.messaging.EventMessage;
import dev.tributary.xdm.messaging.RecordMessage;
import dev.tributary.xdm.messaging.Topics;
import dev.tributary.xdm.model.ExperienceEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads XDM records and experience events from Kafka in batches. Offsets are committed by the
 * container after {@link ProfileUpdates} has committed. A message that cannot be read, or that fails alone for a
 * reason retrying cannot cure, is kept in the dead-letter store with its reason instead of blocking the partition
 * (ADR 0021); the rest of its batch is applied.
 */
@Component
public class ProfileConsumers implements DeadLetterReplayer {

    private final ProfileUpdates updates;
    private final DeadLetterStore deadLetters;

    public ProfileConsumers(ProfileUpdates updates, DeadLetterStore deadLetters) {
        this.updates = updates;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(id = "profile-records", topics = Topics.XDM_RECORDS_NAME, groupId = "${cdp.profile.consumer-group:profile-service}",
            batch = "true")
    public void onRecords(List<ConsumerRecord<String, String>> batch) {
        BatchIsolation.apply("records", read(batch, ProfileConsumers::toRecord), updates::applyRecords, this::deadLetter);
    }

    @KafkaListener(id = "profile-events", topics = Topics.XDM_EVENTS_NAME, groupId = "${cdp.profile.consumer-group:profile-service}",
            batch = "true")
    public void onEvents(List<ConsumerRecord<String, String>> batch) {
        BatchIsolation.apply("events", read(batch, ProfileConsumers::toEvent), updates::applyEvents, this::deadLetter);
    }

    /** The same path as {@link #onRecords} and {@link #onEvents} for one message, in the caller's transaction. */
    @Override
    public void replay(String topic, String value) {
        if (topic.equals(Topics.XDM_RECORDS.name())) {
            updates.applyRecords(List.of(readable(ProfileConsumers::toRecord, value)));
        } else if (topic.equals(Topics.XDM_EVENTS.name())) {
            updates.applyEvents(List.of(readable(ProfileConsumers::toEvent, value)));
        } else {
            throw new IllegalArgumentException("profile-service does not consume " + topic);
        }
    }

    private <T> List<BatchIsolation.Polled<T>> read(List<ConsumerRecord<String, String>> batch, Function<String, T> reader) {
        List<BatchIsolation.Polled<T>> read = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, String> message : batch) {
            try {
                read.add(new BatchIsolation.Polled<>(message, readable(reader, message.value())));
            } catch (UnreadableMessageException e) {
                deadLetter(message, e);
            }
        }
        return read;
    }

    private static <T> T readable(Function<String, T> reader, String value) {
        try {
            return reader.apply(value);
        } catch (RuntimeException e) {
            throw new UnreadableMessageException(e);
        }
    }

    private void deadLetter(ConsumerRecord<String, String> message, RuntimeException failure) {
        deadLetters.keep(message, Failures.reason(failure), Failures.kind(failure));
    }

    public static IncomingRecord toRecord(String value) {
        Envelope.Typed<RecordMessage> envelope = Envelope.read(value, RecordMessage.class, XdmJson.mapper());
        RecordMessage message = envelope.payload();
        XdmClass xdmClass = XdmClass.fromJsonName(message.xdmClass())
                .orElseThrow(() -> new IllegalArgumentException("unknown XDM class " + message.xdmClass()));
        JsonNode data = message.data();
        SourceKey key = SourceKey.fromJson(data.get(xdmClass.primaryKeyField()));
        Instant lastUpdated = Optional.ofNullable(Json.instant(data, "extSourceSystemAudit.lastUpdatedDate"))
                .orElse(envelope.time());
        boolean deleted = Boolean.TRUE.equals(Json.bool(data, "isDeleted"));
        return new IncomingRecord(xdmClass, key, data, lastUpdated, deleted, ContentHash.of(data));
    }

    static ProfileUpdates.IncomingEvent toEvent(String value) {
        EventMessage message = Envelope.read(value, EventMessage.class, XdmJson.mapper()).payload();
        JsonNode e = message.event();
        Identity identity = eventIdentity(e);
        return new ProfileUpdates.IncomingEvent(Json.text(e, "_id"), identity.namespace(), identity.value(),
                Json.text(e, "eventType"), Instant.parse(Json.text(e, "timestamp")),
                Json.text(e, "web.webPageDetails.URL"), Json.text(e, "web.webPageDetails.name"),
                Json.text(e, "web.webReferrer.URL"), message.sourceId());
    }

    /** The identity an event is recorded under: {@link ExperienceEvent#personIdentity(SourceKey, IdentityMap)}. */
    private static Identity eventIdentity(JsonNode event) {
        String personKey = Json.text(event, "personKey");
        if (personKey != null) {
            return ExperienceEvent.personIdentity(SourceKey.parse(personKey), null).orElseThrow();
        }
        JsonNode map = event.get("identityMap");
        if (map == null || !map.isObject()) {
            throw new IllegalArgumentException("event has neither personKey nor identityMap");
        }
        return ExperienceEvent.personIdentity(null, XdmJson.mapper().treeToValue(map, IdentityMap.class).normalised())
                .orElseThrow(() -> new IllegalArgumentException("event identityMap holds no identity"));
    }
}
