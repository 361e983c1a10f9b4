package dev.tributary.console.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns what a person types into the identities profile-service looks up, and reads profiles for the pages. */
final class ProfileSearch {

    private ProfileSearch() {
    }

    /** {@code namespace:value} as typed, an email, or a source key ({@code 102@mkto-1.Marketo}). */
    static List<String> personIdentities(String term) {
        if (term.startsWith("email:") || term.startsWith("b2b_person:")) {
            return List.of(term);
        }
        if (term.startsWith("b2b_account:")) {
            return List.of();
        }
        return isEmail(term) ? List.of("email:" + term.toLowerCase(), "b2b_person:" + term) : List.of("b2b_person:" + term);
    }

    static List<String> accountIdentities(String term) {
        if (term.startsWith("b2b_account:")) {
            return List.of(term);
        }
        if (term.contains(":") || isEmail(term)) {
            return List.of();
        }
        return List.of("b2b_account:" + term);
    }

    /** A source key has its instance after the @ ({@code 102@mkto-1.Marketo}); an email has a dot-free domain's TLD. */
    static boolean isEmail(String term) {
        int at = term.indexOf('@');
        return at > 0 && !term.substring(at + 1).matches(".*\\.(Marketo|Salesforce|Dynamics|MDM)$");
    }

    /** Merged attributes as rows of name, value and source; nested objects are flattened with dots. */
    static List<Map<String, Object>> attributes(Object attributes) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (attributes instanceof Map<?, ?> map) {
            flatten("", map, rows);
        }
        return rows;
    }

    private static void flatten(String prefix, Map<?, ?> map, List<Map<String, Object>> rows) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = prefix + entry.getKey();
            if (entry.getValue() instanceof Map<?, ?> value && value.containsKey("value")) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", name);
                row.put("value", value.get("value"));
                row.put("source", value.get("source"));
                row.put("updatedAt", value.get("updatedAt"));
                rows.add(row);
            } else if (entry.getValue() instanceof Map<?, ?> nested) {
                flatten(name + ".", nested, rows);
            } else {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", name);
                row.put("value", entry.getValue());
                rows.add(row);
            }
        }
    }

    /** Per source fragment of an account: what it is and what linked it (its external key, its domain). */
    static List<Map<String, Object>> linkReasons(List<Map<String, Object>> fragments) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> fragment : fragments) {
            Map<String, Object> row = new LinkedHashMap<>(fragment);
            List<String> reasons = new ArrayList<>();
            if (fragment.get("data") instanceof Map<?, ?> data) {
                if (data.get("extSourceSystemAudit") instanceof Map<?, ?> audit && audit.get("externalKey") != null) {
                    Object key = audit.get("externalKey");
                    reasons.add("external key " + (key instanceof Map<?, ?> k && k.get("sourceKey") != null ? k.get("sourceKey") : key));
                }
                if (data.get("accountOrganization") instanceof Map<?, ?> org && org.get("domain") != null) {
                    reasons.add("domain " + org.get("domain"));
                }
                row.put("name", data.get("accountName"));
            }
            row.put("linkedBy", reasons.isEmpty() ? "linked to by the others" : String.join(", ", reasons));
            rows.add(row);
        }
        return rows;
    }
}
