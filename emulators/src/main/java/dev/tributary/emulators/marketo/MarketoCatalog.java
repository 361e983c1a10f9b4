package dev.tributary.emulators.marketo;

import dev.tributary.emulators.EmulatorClock;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An instance's lead-database objects beside leads and lists: companies and the activity log. Every record has
 * {@code createdAt} and {@code updatedAt}; activities have {@code activityDate}.
 */
public final class MarketoCatalog {

    /** What Get Companies answers without {@code fields}: id, the dedupe field, the timestamps. */
    static final List<String> DEFAULT_COMPANY_FIELDS = List.of("externalCompanyId", "updatedAt", "createdAt");
    static final Set<String> COMPANY_FILTERS = Set.of("id", "externalCompanyId", "company");

    private final EmulatorClock clock;
    private final TreeMap<Long, Map<String, Object>> companies = new TreeMap<>();
    private final List<Map<String, Object>> activities = new ArrayList<>();
    private long nextCompanyId = 1;
    private long nextActivityId = 1;

    MarketoCatalog(EmulatorClock clock) {
        this.clock = clock;
    }

    synchronized void clear() {
        companies.clear();
        activities.clear();
        nextCompanyId = 1;
        nextActivityId = 1;
    }

    // ---- companies ----

    /** Seeds a company under {@code id} (or the next id when null); keeps given createdAt/updatedAt. Returns the id. */
    public synchronized long seedCompany(Long id, Map<String, Object> fields) {
        long companyId = id != null ? id : nextCompanyId;
        if (companyId < 1 || companies.containsKey(companyId)) {
            throw new IllegalArgumentException("company id " + companyId + " is taken or not positive");
        }
        String now = now();
        Map<String, Object> company = new LinkedHashMap<>();
        company.put("id", companyId);
        fields.forEach((field, value) -> {
            if (!"id".equals(field)) {
                company.put(field, value);
            }
        });
        company.putIfAbsent("createdAt", now);
        company.putIfAbsent("updatedAt", now);
        companies.put(companyId, company);
        nextCompanyId = Math.max(nextCompanyId, companyId + 1);
        return companyId;
    }

    /** Changes a company's fields; its updatedAt becomes now. */
    public synchronized void updateCompany(long id, Map<String, Object> fields) {
        Map<String, Object> company = companies.get(id);
        if (company == null) {
            throw new IllegalArgumentException("no company " + id);
        }
        company.putAll(fields);
        company.put("id", id);
        company.put("updatedAt", now());
    }

    /** Get Companies: those matching any value of the filter, in id order, projected to {@code fields}. */
    synchronized List<Map<String, Object>> findCompanies(String filterType, List<String> values, List<String> fields) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> company : companies.values()) {
            Object actual = company.get(filterType);
            if (actual != null && values.contains(actual.toString())) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("seq", found.size());
                out.put("id", company.get("id"));
                for (String field : fields.isEmpty() ? DEFAULT_COMPANY_FIELDS : fields) {
                    out.put(field, company.get(field));
                }
                found.add(out);
            }
        }
        return found;
    }

    public synchronized List<Map<String, Object>> companies() {
        return companies.values().stream().map(company -> (Map<String, Object>) new LinkedHashMap<>(company)).toList();
    }

    // ---- activities ----

    /**
     * Logs an activity (1 Visit Webpage: primaryAttributeValue the page, attribute "Webpage URL"; 37 Delete Lead).
     * Returns its marketoGUID.
     */
    public synchronized String addActivity(long leadId, int activityTypeId, Long primaryAttributeValueId,
                                           String primaryAttributeValue, Map<String, Object> attributes, Instant at) {
        Map<String, Object> activity = new LinkedHashMap<>();
        String guid = new UUID(0x6d6b746fL, nextActivityId).toString();
        activity.put("marketoGUID", guid);
        activity.put("id", nextActivityId++);
        activity.put("leadId", leadId);
        activity.put("activityDate", at.truncatedTo(ChronoUnit.SECONDS).toString());
        activity.put("activityTypeId", activityTypeId);
        activity.put("campaignId", null);
        activity.put("primaryAttributeValueId", primaryAttributeValueId);
        activity.put("primaryAttributeValue", primaryAttributeValue);
        activity.put("attributes", new LinkedHashMap<>(attributes));
        activities.add(activity);
        return guid;
    }

    /** Activities created in [startAt, endAt] (both inclusive) of the given types (all when empty), oldest first. */
    synchronized List<Map<String, Object>> activities(Instant startAt, Instant endAt, Set<Integer> typeIds) {
        return activities.stream()
                .filter(activity -> {
                    Instant at = Instant.parse((String) activity.get("activityDate"));
                    return !at.isBefore(startAt) && !at.isAfter(endAt);
                })
                .filter(activity -> typeIds.isEmpty() || typeIds.contains((Integer) activity.get("activityTypeId")))
                .sorted((a, b) -> ((String) a.get("activityDate")).compareTo((String) b.get("activityDate")))
                .map(activity -> (Map<String, Object>) new LinkedHashMap<>(activity))
                .toList();
    }

    public synchronized List<Map<String, Object>> activities() {
        return activities.stream().map(activity -> (Map<String, Object>) new LinkedHashMap<>(activity)).toList();
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
