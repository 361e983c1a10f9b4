package dev.tributary.emulators.marketo;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a scenario file into an instance: {@code companies}, {@code leads} (each with its {@code id}),
 * {@code staticLists} ({@code id, name, updatedAt, members: [leadId]}), {@code programs} ({@code id, name, channel,
 * ..., members: [{leadId, statusName, reachedSuccess, membershipDate}]}) and {@code activities} ({@code leadId,
 * activityTypeId, primaryAttributeValueId, primaryAttributeValue, attributes, activityDate}). An activityDate may be
 * {@code now-P20D}: relative to the emulator's clock when loaded. Format: emulators/README.md.
 */
final class MarketoScenario {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MarketoScenario() {
    }

    static void loadResource(MarketoInstance instance, String resource) {
        try (InputStream in = MarketoScenario.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no scenario file " + resource + " on the classpath");
            }
            load(instance, JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static void load(MarketoInstance instance, JsonNode scenario) {
        for (JsonNode company : scenario.path("companies")) {
            Map<String, Object> fields = JSON.convertValue(company, LinkedHashMap.class);
            instance.catalog().seedCompany(company.has("id") ? company.get("id").asLong() : null, fields);
        }
        for (JsonNode lead : scenario.path("leads")) {
            Map<String, Object> fields = JSON.convertValue(lead, LinkedHashMap.class);
            fields.remove("id");
            if (lead.has("id")) {
                instance.seedLead(lead.get("id").asLong(), fields);
            } else {
                instance.seedLead(fields);
            }
        }
        for (JsonNode list : scenario.path("staticLists")) {
            List<Long> members = new ArrayList<>();
            list.path("members").forEach(member -> members.add(member.asLong()));
            instance.seedList(list.get("id").asLong(), list.get("name").asString(), members,
                    list.hasNonNull("updatedAt") ? list.get("updatedAt").asString() : null);
        }
        for (JsonNode program : scenario.path("programs")) {
            instance.programs().seedProgram(program.get("id").asLong(), JSON.convertValue(program, LinkedHashMap.class));
            for (JsonNode member : program.path("members")) {
                Map<String, Object> fields = JSON.convertValue(member, LinkedHashMap.class);
                fields.remove("leadId");
                instance.programs().seedMember(program.get("id").asLong(), member.get("leadId").asLong(), fields);
            }
        }
        for (JsonNode opportunity : scenario.path("opportunities")) {
            instance.opportunities().seedOpportunity(JSON.convertValue(opportunity, LinkedHashMap.class));
        }
        for (JsonNode role : scenario.path("opportunityRoles")) {
            instance.opportunities().seedRole(JSON.convertValue(role, LinkedHashMap.class));
        }
        for (JsonNode activity : scenario.path("activities")) {
            Map<String, Object> attributes = JSON.convertValue(activity.path("attributes"), LinkedHashMap.class);
            instance.catalog().addActivity(activity.get("leadId").asLong(), activity.get("activityTypeId").asInt(),
                    activity.hasNonNull("primaryAttributeValueId") ? activity.get("primaryAttributeValueId").asLong() : null,
                    activity.path("primaryAttributeValue").asString(null),
                    attributes == null ? Map.of() : attributes,
                    when(activity.path("activityDate").asString(null), instance));
        }
    }

    /** An ISO instant, {@code now}, or {@code now-<ISO duration>}. */
    private static Instant when(String text, MarketoInstance instance) {
        Instant now = instance.now();
        if (text == null || text.equals("now")) {
            return now;
        }
        if (text.startsWith("now-")) {
            return now.minus(Duration.parse(text.substring(4)));
        }
        return Instant.parse(text);
    }
}
