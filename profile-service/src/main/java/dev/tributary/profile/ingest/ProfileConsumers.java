package dev.tributary.profile.ingest;

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
import dev.tributary.support.kafka.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads XDM records and experience events from Kafka in batches. Offsets are committed by the
 * container after {@link ProfileUpdates} has committed; a record that cannot be read goes to the
 * dead-letter topic with its reason instead of blocking the partition.
 */
@Component
public class ProfileConsumers {

    private final ProfileUpdates updates;
    private final DeadLetters deadLetters;

    public ProfileConsumers(ProfileUpdates updates, DeadLetters deadLetters) {
        this.updates = updates;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(id = "profile-records", topics = "cdp.xdm.records.v1", groupId = "${cdp.profile.consumer-group:profile-service}",
            batch = "true")
    public void onRecords(List<ConsumerRecord<String, String>> batch) {
        List<IncomingRecord> records = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, String> message : batch) {
            try {
                records.add(toRecord(message.value()));
            } catch (RuntimeException e) {
                deadLetters.send(message, e);
            }
        }
        updates.applyRecords(records);
    }

    @KafkaListener(id = "profile-events", topics = "cdp.xdm.events.v1", groupId = "${cdp.profile.consumer-group:profile-service}",
            batch = "true")
    public void onEvents(List<ConsumerRecord<String, String>> batch) {
        List<ProfileUpdates.IncomingEvent> events = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, String> message : batch) {
            try {
                events.add(toEvent(message.value()));
            } catch (RuntimeException e) {
                deadLetters.send(message, e);
            }
        }
        updates.applyEvents(events);
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

    /** The identity an event is recorded under: its person key, else its email, else its first identity. */
    private static Identity eventIdentity(JsonNode event) {
        String personKey = Json.text(event, "personKey");
        if (personKey != null) {
            return new Identity(Identity.B2B_PERSON, SourceKey.parse(personKey).sourceKey());
        }
        JsonNode map = event.get("identityMap");
        if (map == null || !map.isObject()) {
            throw new IllegalArgumentException("event has neither personKey nor identityMap");
        }
        return XdmJson.mapper().treeToValue(map, IdentityMap.class).normalised().identities()
                .min(Comparator.comparing((Identity i) -> !i.namespace().equals(Identity.EMAIL)))
                .orElseThrow(() -> new IllegalArgumentException("event identityMap holds no identity"));
    }
}
