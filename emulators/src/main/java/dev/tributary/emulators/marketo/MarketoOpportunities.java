package dev.tributary.emulators.marketo;

import dev.tributary.emulators.EmulatorClock;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An instance's opportunities and opportunity roles (lead database objects keyed by marketoGUID), each with
 * createdAt/updatedAt. Searchable: opportunities by externalOpportunityId, marketoGUID or externalCompanyId; roles
 * by externalOpportunityId, marketoGUID or leadId.
 */
public final class MarketoOpportunities {

    static final Set<String> OPPORTUNITY_FILTERS = Set.of("externalOpportunityId", "marketoGUID", "externalCompanyId");
    static final Set<String> ROLE_FILTERS = Set.of("externalOpportunityId", "marketoGUID", "leadId");
    static final List<String> DEFAULT_OPPORTUNITY_FIELDS = List.of("marketoGUID", "externalOpportunityId", "updatedAt",
            "createdAt");
    static final List<String> DEFAULT_ROLE_FIELDS = List.of("marketoGUID", "externalOpportunityId", "leadId", "role",
            "updatedAt", "createdAt");

    private final EmulatorClock clock;
    private final Map<String, Map<String, Object>> opportunities = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> roles = new LinkedHashMap<>();

    MarketoOpportunities(EmulatorClock clock) {
        this.clock = clock;
    }

    synchronized void clear() {
        opportunities.clear();
        roles.clear();
    }

    /** Seeds or changes an opportunity by externalOpportunityId; updatedAt now unless given. Returns its marketoGUID. */
    public synchronized String seedOpportunity(Map<String, Object> fields) {
        return upsert(opportunities, "externalOpportunityId", fields);
    }

    /** Seeds or changes a role by (externalOpportunityId, leadId); updatedAt now unless given. Returns its marketoGUID. */
    public synchronized String seedRole(Map<String, Object> fields) {
        return upsert(roles, "externalOpportunityId", fields);
    }

    synchronized List<Map<String, Object>> findOpportunities(String filterType, List<String> values, List<String> fields) {
        return find(opportunities, filterType, values, fields.isEmpty() ? DEFAULT_OPPORTUNITY_FIELDS : fields);
    }

    synchronized List<Map<String, Object>> findRoles(String filterType, List<String> values, List<String> fields) {
        return find(roles, filterType, values, fields.isEmpty() ? DEFAULT_ROLE_FIELDS : fields);
    }

    private String upsert(Map<String, Map<String, Object>> records, String dedupe, Map<String, Object> fields) {
        Map<String, Object> record = records.values().stream()
                .filter(r -> fields.get(dedupe) != null && fields.get(dedupe).equals(r.get(dedupe))
                        && (!fields.containsKey("leadId") || String.valueOf(fields.get("leadId")).equals(String.valueOf(r.get("leadId")))))
                .findFirst().orElse(null);
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        if (record == null) {
            record = new LinkedHashMap<>();
            record.put("marketoGUID", UUID.randomUUID().toString());
            record.put("createdAt", now);
            records.put((String) record.get("marketoGUID"), record);
        }
        record.putAll(fields);
        record.put("updatedAt", fields.getOrDefault("updatedAt", now));
        return (String) record.get("marketoGUID");
    }

    private static List<Map<String, Object>> find(Map<String, Map<String, Object>> records, String filterType,
                                                  List<String> values, List<String> fields) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> record : records.values()) {
            Object actual = record.get(filterType);
            if (actual != null && values.contains(actual.toString())) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("seq", found.size());
                fields.forEach(field -> out.put(field, record.get(field)));
                found.add(out);
            }
        }
        return found;
    }
}
