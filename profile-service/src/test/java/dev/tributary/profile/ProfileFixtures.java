package dev.tributary.profile;

import dev.tributary.profile.fragment.IncomingRecord;
import dev.tributary.profile.ingest.ProfileConsumers;
import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.messaging.Envelope;
import dev.tributary.xdm.messaging.EventMessage;
import dev.tributary.xdm.messaging.RecordMessage;
import dev.tributary.xdm.messaging.Topics;
import dev.tributary.xdm.validation.RecordValidation;
import dev.tributary.xdm.validation.XdmValidator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The Townsend data set and the plumbing to send it the way ingestion-service does. */
public final class ProfileFixtures {

    public static final XdmValidator VALIDATOR = new XdmValidator();

    private ProfileFixtures() {
    }

    /** A line of the data set: its class and its raw XDM data. */
    public record Line(String xdmClass, ObjectNode data) {
        public String key() {
            return data.get(dev.tributary.xdm.XdmClass.fromJsonName(xdmClass).orElseThrow().primaryKeyField()).asString();
        }

        public Line copy() {
            return new Line(xdmClass, data.deepCopy());
        }
    }

    public static List<Line> townsend() {
        List<Line> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                ProfileFixtures.class.getResourceAsStream("/demo/townsend.ndjson"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode node = XdmJson.mapper().readTree(line);
                lines.add(new Line(node.get("class").asString(), (ObjectNode) node.get("data")));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return lines;
    }

    public static Line find(List<Line> lines, String key) {
        return lines.stream().filter(l -> l.key().equals(key)).findFirst().orElseThrow();
    }

    /** The envelope ingestion-service would publish for this line. */
    public static String envelope(Line line) {
        RecordValidation validation = VALIDATOR.validateRecord(line.xdmClass(), line.data());
        if (!validation.valid()) {
            throw new IllegalArgumentException("fixture line is invalid: " + validation.errors());
        }
        RecordMessage message = new RecordMessage("fixture", "batch-fixture", 0, line.xdmClass(), validation.normalised());
        return Envelope.json(Topics.XDM_RECORDS, line.key(), message, XdmJson.mapper());
    }

    public static IncomingRecord incoming(Line line) {
        return ProfileConsumers.toRecord(envelope(line));
    }

    public static void publish(KafkaTemplate<String, String> kafka, List<Line> lines) {
        lines.forEach(l -> kafka.send(Topics.XDM_RECORDS.name(), l.key(), envelope(l)));
        kafka.flush();
    }

    public static void publishPageView(KafkaTemplate<String, String> kafka, String eventId, String personKey, Instant at, String url) {
        ObjectNode event = XdmJson.mapper().createObjectNode();
        event.put("_id", eventId);
        event.put("timestamp", at.toString());
        event.put("eventType", "web.webpagedetails.pageViews");
        event.put("personKey", personKey);
        event.putObject("web").putObject("webPageDetails").put("URL", url).put("name", "New product");
        JsonNode normalised = VALIDATOR.validateEvent(event).normalised();
        kafka.send(Topics.XDM_EVENTS.name(), personKey,
                Envelope.json(Topics.XDM_EVENTS, personKey, new EventMessage("fixture", normalised), XdmJson.mapper()));
        kafka.flush();
    }

    /** The unified grouping: for each profile, the set of its live fragments' source keys. */
    public static Set<Set<String>> grouping(JdbcClient jdbc, String xdmClass) {
        Map<String, Set<String>> byProfile = jdbc.sql("""
                        SELECT profile_id, source_key FROM profile.fragment
                        WHERE xdm_class = ? AND NOT deleted AND profile_id IS NOT NULL""")
                .param(xdmClass)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue,
                        Collectors.toCollection(TreeSet::new))));
        return new HashSet<>(byProfile.values());
    }

    public static void truncate(JdbcClient jdbc) {
        jdbc.sql("""
                TRUNCATE profile.fragment, profile.identity_link, profile.identity_profile, profile.identity_rejection,
                         profile.identity_hub, profile.unified_profile, profile.unified_person, profile.unified_account,
                         profile.profile_alias, profile.person_account_link, profile.opportunity, profile.opportunity_person,
                         profile.campaign, profile.campaign_member, profile.marketing_list, profile.marketing_list_member,
                         profile.experience_event""").update();
    }
}
