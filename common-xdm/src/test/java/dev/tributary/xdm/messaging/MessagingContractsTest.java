package dev.tributary.xdm.messaging;

import static dev.tributary.xdm.Examples.canonical;
import static dev.tributary.xdm.Examples.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tributary.xdm.audience.v1.MembershipChanged;
import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.profile.v1.ProfileChanged;
import dev.tributary.xdm.profile.v1.ProfileDeleted;
import dev.tributary.xdm.profile.v1.ProfileSplit;
import dev.tributary.xdm.profile.v1.ProfilesMerged;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class MessagingContractsTest {

    private static final JsonMapper MAPPER = XdmJson.mapper();

    static Stream<Arguments> payloadExamples() {
        return Stream.of(
                Arguments.of("envelope.example.1", Envelope.class),
                Arguments.of("recordMessage.example.1", RecordMessage.class),
                Arguments.of("eventMessage.example.1", EventMessage.class),
                Arguments.of("profileChanged.example.1", ProfileChanged.class),
                Arguments.of("profileChanged.example.2", ProfileChanged.class),
                Arguments.of("profilesMerged.example.1", ProfilesMerged.class),
                Arguments.of("profileSplit.example.1", ProfileSplit.class),
                Arguments.of("profileDeleted.example.1", ProfileDeleted.class),
                Arguments.of("membershipChanged.example.1", MembershipChanged.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloadExamples")
    void shouldRoundTripPayloadExample(String example, Class<?> type) {
        ObjectNode json = read(example);

        Object value = MAPPER.treeToValue(json, type);

        assertThat(canonical(value)).isEqualTo(canonical(json));
    }

    @Test
    void shouldWrapAndUnwrapPayloadInEnvelope() {
        ProfilesMerged merged = new ProfilesMerged("account", "account-1a2b", List.of("account-3c4d"),
                Instant.parse("2026-11-29T10:00:02Z"));

        Envelope envelope = Envelope.of(ProfilesMerged.TYPE, "account-1a2b", merged, MAPPER);
        Envelope read = MAPPER.readValue(MAPPER.writeValueAsString(envelope), Envelope.class);

        assertThat(read).isEqualTo(envelope);
        assertThat(read.schemaVersion()).isEqualTo(1);
        assertThat(read.id()).hasSize(36);
        assertThat(Topics.payloadType(read.type())).contains(ProfilesMerged.class);
        assertThat(read.payloadAs(ProfilesMerged.class, MAPPER)).isEqualTo(merged);
        assertThat(MAPPER.writeValueAsString(envelope)).contains("\"time\":\"20");
    }

    @Test
    void shouldWriteTheEnvelopeJsonStraightFromThePayloadAsTheEnvelopeWritesIt() {
        ObjectNode data = (ObjectNode) MAPPER.readTree("""
                {"personKey":{"sourceType":"Marketo","sourceInstanceID":"mkto-1","sourceID":"2002","sourceKey":"2002@mkto-1.Marketo"},
                 "workEmail":{"address":"p2@townsend.com"},"personScore":87.5,"isDeleted":false,"identityMap":{"email":[{"id":"p2@townsend.com"}]}}""");
        RecordMessage message = new RecordMessage("mkto-1", "b-1", 3, "person", data);

        String written = Envelope.json(Topics.XDM_RECORDS, "2002@mkto-1.Marketo", message, MAPPER);
        ObjectNode direct = (ObjectNode) MAPPER.readTree(written);
        ObjectNode viaTree = (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsString(
                Envelope.of(Topics.XDM_RECORDS, "2002@mkto-1.Marketo", message, MAPPER)));

        assertThat(direct.propertyNames()).containsExactlyElementsOf(viaTree.propertyNames());
        assertThat(direct.get("id").asString()).hasSize(36).isNotEqualTo(viaTree.get("id").asString());
        assertThat(Instant.parse(direct.get("time").asString())).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
        direct.put("id", "x").put("time", "t");
        viaTree.put("id", "x").put("time", "t");
        assertThat(direct).isEqualTo(viaTree);
        Envelope read = MAPPER.readValue(written, Envelope.class);
        assertThat(read.payloadAs(RecordMessage.class, MAPPER)).isEqualTo(message);
        Envelope.Typed<RecordMessage> typed = Envelope.read(written, RecordMessage.class, MAPPER);
        assertThat(List.of(typed.id(), typed.type(), typed.schemaVersion(), typed.time(), typed.key(), typed.payload()))
                .isEqualTo(List.of(read.id(), read.type(), read.schemaVersion(), read.time(), read.key(), message));
    }

    @Test
    void shouldReadAnEnvelopesTypeWithoutReadingItsPayload() {
        ProfileDeleted deleted = new ProfileDeleted("person", "per_1", Instant.parse("2026-11-30T10:00:00Z"));
        String written = Envelope.json(ProfileDeleted.TYPE, "per_1", deleted, MAPPER);

        assertThat(Envelope.typeOf(written, MAPPER)).isEqualTo(ProfileDeleted.TYPE);
        assertThat(Envelope.read(written, ProfileDeleted.class, MAPPER).payload()).isEqualTo(deleted);
        assertThat(Envelope.typeOf("{\"payload\":{\"type\":\"inner\"},\"type\":\"outer\"}", MAPPER)).isEqualTo("outer");
        for (String notAnEnvelope : List.of("[]", "{\"id\":\"x\"}", "{\"type\":3}", "{\"type\":{\"name\":\"x\"}}")) {
            assertThatThrownBy(() -> Envelope.typeOf(notAnEnvelope, MAPPER)).as(notAnEnvelope)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldRefuseATypedEnvelopeWithoutIdOrType() {
        assertThatThrownBy(() -> Envelope.read("{\"type\":\"xdm.record\",\"payload\":{}}", RecordMessage.class, MAPPER))
                .hasMessageContaining("id");
    }

    @Test
    void shouldTypeEnvelopeByTopic() {
        RecordMessage message = new RecordMessage("mkto-1", "b-1", 3, "person", MAPPER.readTree("{}"));

        Envelope envelope = Envelope.of(Topics.XDM_RECORDS, "2002@mkto-1.Marketo", message, MAPPER);

        assertThat(envelope.type()).isEqualTo("xdm.record");
        assertThat(envelope.payloadAs(Topics.XDM_RECORDS.payloadType(), MAPPER)).isEqualTo(message);
    }

    @Test
    void shouldRegisterVersionedTopicsOnce() {
        assertThat(Topics.all()).extracting(Topic::name).containsExactly(
                "cdp.xdm.records.v1", "cdp.xdm.events.v1", "cdp.ingest.dlq.v1",
                "cdp.profile.changes.v1", "cdp.audience.changes.v1");
        assertThat(Topics.all()).extracting(Topic::envelopeType).doesNotHaveDuplicates();
        assertThat(Topics.PROFILE_CHANGES.envelopeType()).isEqualTo("profile.changed");
        assertThat(Topics.AUDIENCE_CHANGES.payloadType()).isEqualTo(MembershipChanged.class);
        assertThat(Topics.payloadType("profile.split")).contains(ProfileSplit.class);
        assertThat(Topics.payloadType("profile.deleted")).contains(ProfileDeleted.class);
        assertThat(Topics.payloadType("nope")).isEmpty();
    }
}
