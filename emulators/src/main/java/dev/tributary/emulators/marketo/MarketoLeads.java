package dev.tributary.emulators.marketo;

import dev.tributary.emulators.EmulatorClock;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An instance's lead database: Get Leads, Sync Leads, and seeding as if the instance already held leads. */
public final class MarketoLeads {

    private final EmulatorClock clock;
    private final TreeMap<Long, Map<String, Object>> leads = new TreeMap<>();
    private long nextLeadId = 1;

    MarketoLeads(EmulatorClock clock) {
        this.clock = clock;
    }

    synchronized void clear() {
        leads.clear();
        nextLeadId = 1;
    }

    synchronized boolean exists(long id) {
        return leads.containsKey(id);
    }

    synchronized Object email(long id) {
        return leads.get(id).get("email");
    }

    synchronized Map<String, Object> project(long id, List<String> fields) {
        return project(leads.get(id), fields);
    }

    /** Removes a lead; false when there is none. */
    synchronized boolean remove(long id) {
        return leads.remove(id) != null;
    }

    static final List<String> DEFAULT_FIELDS = List.of("id", "email", "updatedAt", "createdAt", "firstName", "lastName");

    synchronized List<Map<String, Object>> findLeads(String filterType, List<String> values, List<String> fields) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (String value : values) {
            for (Map<String, Object> lead : leads.values()) {
                if (matches(lead, filterType, value) && !found.contains(lead)) {
                    found.add(lead);
                }
            }
        }
        return found.stream().map(lead -> project(lead, fields)).toList();
    }

    synchronized Map<String, Object> leadById(long id, List<String> fields) {
        Map<String, Object> lead = leads.get(id);
        return lead == null ? null : project(lead, fields);
    }

    private static boolean matches(Map<String, Object> lead, String filterType, String value) {
        Object actual = lead.get(filterType);
        if (actual == null) {
            return false;
        }
        if ("email".equals(filterType)) {
            return actual.toString().equalsIgnoreCase(value.trim());
        }
        return actual.toString().equals(value.trim());
    }

    private static Map<String, Object> project(Map<String, Object> lead, List<String> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", lead.get("id"));
        for (String field : fields) {
            out.put(field, lead.get(field));
        }
        return out;
    }

    /** Sync Leads: one result per input record, in input order. */
    synchronized List<Map<String, Object>> syncLeads(String action, String lookupField, List<Map<String, Object>> input) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (Map<String, Object> record : input) {
            results.add(syncLead(action, lookupField, record));
        }
        return results;
    }

    private Map<String, Object> syncLead(String action, String lookupField, Map<String, Object> record) {
        Object key = record.get(lookupField);
        if ("id".equals(lookupField) && !"updateOnly".equals(action)) {
            return skipped("1003", "Invalid data: id is a lookup field only with action updateOnly");
        }
        if (key == null || key.toString().isBlank()) {
            if (!"createDuplicate".equals(action)) {
                return skipped("1003", "Value for required field '" + lookupField + "' not specified");
            }
        }
        List<Map<String, Object>> matches = new ArrayList<>();
        if (key != null && !"createDuplicate".equals(action)) {
            for (Map<String, Object> lead : leads.values()) {
                if (matches(lead, lookupField, key.toString())) {
                    matches.add(lead);
                }
            }
        }
        if (matches.size() > 1) {
            return skipped("1007", "Multiple leads match the lookup criteria");
        }
        Map<String, Object> existing = matches.isEmpty() ? null : matches.get(0);
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        switch (action) {
            case "createOnly":
                if (existing != null) {
                    return skipped("1005", "Lead already exists");
                }
                return created(record, now);
            case "updateOnly":
                if (existing == null) {
                    return skipped("1004", "Lead not found");
                }
                return updated(existing, record, now);
            case "createDuplicate":
                return created(record, now);
            default:
                return existing == null ? created(record, now) : updated(existing, record, now);
        }
    }

    private Map<String, Object> created(Map<String, Object> record, String now) {
        long id = nextLeadId++;
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("id", id);
        record.forEach((field, value) -> {
            if (!"id".equals(field)) {
                lead.put(field, value);
            }
        });
        lead.put("createdAt", now);
        lead.put("updatedAt", now);
        leads.put(id, lead);
        return status(id, "created");
    }

    private Map<String, Object> updated(Map<String, Object> lead, Map<String, Object> record, String now) {
        record.forEach((field, value) -> {
            if (!"id".equals(field)) {
                lead.put(field, value);
            }
        });
        lead.put("updatedAt", now);
        return status((Long) lead.get("id"), "updated");
    }

    private static Map<String, Object> status(long id, String status) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", id);
        result.put("status", status);
        return result;
    }

    private static Map<String, Object> skipped(String code, String message) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", "skipped");
        result.put("reasons", List.of(MarketoEnvelope.reason(code, message)));
        return result;
    }


    public synchronized List<Map<String, Object>> all() {
        return leads.values().stream().map(lead -> (Map<String, Object>) new LinkedHashMap<>(lead)).toList();
    }

    /** Seeds a lead as if created through the API (for tests and the demo); returns its id. */
    public synchronized long seedLead(Map<String, Object> fields) {
        Map<String, Object> result = created(new LinkedHashMap<>(fields),
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        long id = (Long) result.get("id");
        // a seeded lead may carry its own history (scenario files)
        for (String stamp : List.of("createdAt", "updatedAt")) {
            if (fields.get(stamp) != null) {
                leads.get(id).put(stamp, fields.get(stamp).toString());
            }
        }
        return id;
    }

    /**
     * Seeds a lead under a given id, as an instance that already holds it (the demo's leads keep the ids its Marketo
     * records name); later leads get higher ids. Returns the id.
     */
    public synchronized long seedLead(long id, Map<String, Object> fields) {
        if (id < 1 || leads.containsKey(id)) {
            throw new IllegalArgumentException("lead id " + id + " is taken or not positive");
        }
        long next = nextLeadId;
        nextLeadId = id;
        seedLead(fields);
        nextLeadId = Math.max(next, id + 1);
        return id;
    }

    /** Changes a lead's fields as a user or a sync would; its updatedAt becomes now. */
    public synchronized void updateLead(long id, Map<String, Object> fields) {
        Map<String, Object> lead = leads.get(id);
        if (lead == null) {
            throw new IllegalArgumentException("no lead " + id);
        }
        updated(lead, new LinkedHashMap<>(fields), clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    }
}
