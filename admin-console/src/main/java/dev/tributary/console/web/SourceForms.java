package dev.tributary.console.web;

import dev.tributary.console.api.Service;
import dev.tributary.console.api.ServiceClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A source form's fields from a connector type's config declaration, and the request body it posts. */
final class SourceForms {

    /** The chosen type and its config fields ({@code name, type, required, secret, ...}); a push source has none. */
    record Declared(String type, List<Map<String, Object>> configFields, boolean pushOnly) {

        List<String> formFields() {
            List<String> fields = new ArrayList<>(List.of("name", "type", "instanceId", "schedule"));
            configFields.forEach(field -> fields.add("config." + field.get("name")));
            return fields;
        }
    }

    private SourceForms() {
    }

    static Declared declared(ServiceClient client, String type) {
        return declared(client.get(Service.INGESTION, "/v1/source-types").list("items"), type);
    }

    @SuppressWarnings("unchecked")
    static Declared declared(List<Map<String, Object>> types, String type) {
        for (Map<String, Object> candidate : types) {
            if (candidate.get("type") != null && candidate.get("type").equals(type)) {
                Object fields = candidate.get("configFields");
                return new Declared(type, fields instanceof List<?> l ? (List<Map<String, Object>>) l : List.of(),
                        Boolean.TRUE.equals(candidate.get("pushOnly")));
            }
        }
        return new Declared(type == null || type.isBlank() ? "file" : type, List.of(), true);
    }

    static Map<String, Object> body(Map<String, String> form, Declared declared) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", form.getOrDefault("name", ""));
        body.put("type", declared.type());
        body.put("instanceId", form.getOrDefault("instanceId", ""));
        Map<String, Object> config = new LinkedHashMap<>();
        for (Map<String, Object> field : declared.configFields()) {
            String name = String.valueOf(field.get("name"));
            String value = form.get("config." + name);
            if ("BOOLEAN".equals(field.get("type"))) {
                config.put(name, form.containsKey("config." + name));
            } else if (value != null && !value.isBlank()) {
                config.put(name, "INTEGER".equals(field.get("type")) && value.strip().matches("-?\\d{1,18}")
                        ? Long.valueOf(value.strip()) : value.strip());
            }
        }
        if (!declared.configFields().isEmpty()) {
            body.put("config", config);
        }
        String schedule = form.getOrDefault("schedule", "").strip();
        if (!schedule.isEmpty()) {
            body.put("schedule", schedule.startsWith("P") ? Map.of("interval", schedule) : Map.of("cron", schedule));
        }
        return body;
    }

    /** A stored source as the form's values: its name, instance, non-secret config and schedule. */
    static Map<String, String> values(Map<String, Object> source) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", String.valueOf(source.getOrDefault("name", "")));
        values.put("instanceId", String.valueOf(source.getOrDefault("instanceId", "")));
        if (source.get("config") instanceof Map<?, ?> config) {
            config.forEach((name, value) -> values.put("config." + name, String.valueOf(value)));
        }
        if (source.get("schedule") instanceof Map<?, ?> schedule) {
            Object value = schedule.get("interval") != null ? schedule.get("interval") : schedule.get("cron");
            if (value != null) {
                values.put("schedule", String.valueOf(value));
            }
        }
        return values;
    }

    /** What the form shows again after a refusal: never a secret typed in. */
    static Map<String, String> withoutSecrets(Map<String, String> form, Declared declared) {
        Map<String, String> kept = new LinkedHashMap<>(form);
        for (Map<String, Object> field : declared.configFields()) {
            if (Boolean.TRUE.equals(field.get("secret"))) {
                kept.remove("config." + field.get("name"));
            }
        }
        return kept;
    }
}
