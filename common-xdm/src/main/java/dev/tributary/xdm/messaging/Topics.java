package dev.tributary.xdm.messaging;

import dev.tributary.xdm.audience.v1.MembershipChanged;
import dev.tributary.xdm.profile.v1.ProfileChanged;
import dev.tributary.xdm.profile.v1.ProfileDeleted;
import dev.tributary.xdm.profile.v1.ProfileSplit;
import dev.tributary.xdm.profile.v1.ProfilesMerged;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The registry of Tributary's Kafka topics; topic names are versioned, never reused. */
public final class Topics {

    // Compile-time constants so @KafkaListener(topics = ...) can name them; each name is written once, here.
    public static final String XDM_RECORDS_NAME = "cdp.xdm.records.v1";
    public static final String XDM_EVENTS_NAME = "cdp.xdm.events.v1";
    public static final String INGEST_DLQ_NAME = "cdp.ingest.dlq.v1";
    public static final String PROFILE_CHANGES_NAME = "cdp.profile.changes.v1";
    public static final String AUDIENCE_CHANGES_NAME = "cdp.audience.changes.v1";

    public static final Topic<RecordMessage> XDM_RECORDS =
            new Topic<>(XDM_RECORDS_NAME, "xdm.record", RecordMessage.class);
    public static final Topic<EventMessage> XDM_EVENTS =
            new Topic<>(XDM_EVENTS_NAME, "xdm.event", EventMessage.class);
    /** Poison records: the original value, the reason in headers. */
    public static final Topic<JsonNode> INGEST_DLQ =
            new Topic<>(INGEST_DLQ_NAME, "ingest.deadletter", JsonNode.class);
    /** Also carries {@link ProfilesMerged}, {@link ProfileSplit} and {@link ProfileDeleted}, told apart by envelope type. */
    public static final Topic<ProfileChanged> PROFILE_CHANGES =
            new Topic<>(PROFILE_CHANGES_NAME, ProfileChanged.TYPE, ProfileChanged.class);
    public static final Topic<MembershipChanged> AUDIENCE_CHANGES =
            new Topic<>(AUDIENCE_CHANGES_NAME, MembershipChanged.TYPE, MembershipChanged.class);

    private static final List<Topic<?>> ALL =
            List.of(XDM_RECORDS, XDM_EVENTS, INGEST_DLQ, PROFILE_CHANGES, AUDIENCE_CHANGES);

    private static final Map<String, Class<?>> PAYLOAD_TYPES = Map.of(
            XDM_RECORDS.envelopeType(), RecordMessage.class,
            XDM_EVENTS.envelopeType(), EventMessage.class,
            INGEST_DLQ.envelopeType(), JsonNode.class,
            ProfileChanged.TYPE, ProfileChanged.class,
            ProfilesMerged.TYPE, ProfilesMerged.class,
            ProfileSplit.TYPE, ProfileSplit.class,
            ProfileDeleted.TYPE, ProfileDeleted.class,
            MembershipChanged.TYPE, MembershipChanged.class);

    private Topics() {
    }

    public static List<Topic<?>> all() {
        return ALL;
    }

    /** The payload class for an envelope type, for consumers of topics that carry several types. */
    public static Optional<Class<?>> payloadType(String envelopeType) {
        return Optional.ofNullable(PAYLOAD_TYPES.get(envelopeType));
    }

}
