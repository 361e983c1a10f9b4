package dev.tributary.emulators.salesforce;

import dev.tributary.emulators.CallStats;
import dev.tributary.emulators.EmulatorClock;
import dev.tributary.emulators.FaultQueue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One emulated Salesforce org: its connected app's tokens, its records (deleted ones stay, {@code IsDeleted = true},
 * visible to queryAll only), query locators, the daily API request limit, faults and a log of the queries it ran.
 */
public final class SalesforceOrg {

    static final DateTimeFormatter JSON_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
            .withZone(ZoneOffset.UTC);

    /** One API call as the org saw it: {@code kind} is token, query, queryAll or more (a nextRecordsUrl). */
    public record LoggedCall(String kind, String object, String soql, Instant at) {
    }

    record Locator(String id, List<Map<String, Object>> rows, Instant createdAt) {
    }

    private final SalesforceProperties.Instance credentials;
    private final EmulatorClock clock;
    private final CallStats stats = new CallStats();
    private final FaultQueue faults = new FaultQueue();
    private final Map<String, LinkedHashMap<String, Map<String, Object>>> records = new HashMap<>();
    private final Set<String> tokens = new HashSet<>();
    private final Map<String, Locator> locators = new HashMap<>();
    private final List<LoggedCall> log = new ArrayList<>();
    private long nextId;
    private long nextLocator;
    private long apiUsed;
    private volatile long dailyApiLimit;
    private volatile Duration locatorLifetime;

    SalesforceOrg(SalesforceProperties.Instance credentials, SalesforceProperties settings, EmulatorClock clock) {
        this.credentials = credentials;
        this.clock = clock;
        reset(settings);
    }

    public String instanceId() {
        return credentials.instanceId();
    }

    public String clientId() {
        return credentials.clientId();
    }

    public String clientSecret() {
        return credentials.clientSecret();
    }

    public CallStats stats() {
        return stats;
    }

    public FaultQueue faults() {
        return faults;
    }

    synchronized void reset(SalesforceProperties settings) {
        dailyApiLimit = settings.dailyApiLimit();
        locatorLifetime = settings.locatorLifetime();
        records.clear();
        tokens.clear();
        locators.clear();
        log.clear();
        nextId = 1;
        nextLocator = 1;
        apiUsed = 0;
        stats.reset();
        faults.clear();
    }

    // ---- tokens and limits ----

    synchronized String issueToken() {
        stats.tokenCall();
        log.add(new LoggedCall("token", null, null, clock.instant()));
        String token = "00D" + instanceId().replaceAll("[^A-Za-z0-9]", "") + "!" + UUID.randomUUID().toString().replace("-", "");
        tokens.add(token);
        return token;
    }

    synchronized boolean validToken(String token) {
        return token != null && tokens.contains(token);
    }

    /** Every session issued so far is invalid now (INVALID_SESSION_ID), as after a timeout or a revoked session. */
    public synchronized void expireTokens() {
        tokens.clear();
    }

    /** Counts one API request against the daily limit; false when the limit is already spent. */
    synchronized boolean spendApiRequest() {
        if (apiUsed >= dailyApiLimit) {
            stats.refused("REQUEST_LIMIT_EXCEEDED");
            return false;
        }
        apiUsed++;
        return true;
    }

    synchronized String limitInfo() {
        return "api-usage=" + apiUsed + "/" + dailyApiLimit;
    }

    public synchronized void apiUsage(long used, long limit) {
        apiUsed = used;
        dailyApiLimit = limit;
    }

    // ---- data ----

    /** Stores a record as the org already held it; {@code SystemModstamp} defaults to now. Returns its Id. */
    public synchronized String seed(String object, Map<String, Object> fields) {
        requireObject(object);
        Map<String, Object> row = new LinkedHashMap<>(fields);
        String id = row.get("Id") == null ? newId(object) : row.get("Id").toString();
        row.put("Id", id);
        row.putIfAbsent("IsDeleted", false);
        Instant stamp = row.get("SystemModstamp") == null ? now() : parseInstant(row.get("SystemModstamp").toString());
        row.put("SystemModstamp", stamp);
        row.putIfAbsent("CreatedDate", stamp);
        row.put("CreatedDate", row.get("CreatedDate") instanceof Instant i ? i : parseInstant(row.get("CreatedDate").toString()));
        row.put("LastModifiedDate", stamp);
        records.computeIfAbsent(object, o -> new LinkedHashMap<>()).put(id, row);
        return id;
    }

    /** Changes fields of a record as a user would: its SystemModstamp becomes now. */
    public synchronized void update(String object, String id, Map<String, Object> changes) {
        Map<String, Object> row = row(object, id);
        row.putAll(changes);
        touch(row);
    }

    /** Moves a record to the recycle bin: queryAll still returns it with IsDeleted = true. */
    public synchronized void delete(String object, String id) {
        Map<String, Object> row = row(object, id);
        row.put("IsDeleted", true);
        touch(row);
    }

    public synchronized List<Map<String, Object>> records(String object) {
        return List.copyOf(records.getOrDefault(object, new LinkedHashMap<>()).values());
    }

    /** Every object's records, deleted ones included, by object name. */
    public synchronized Map<String, List<Map<String, Object>>> allRecords() {
        Map<String, List<Map<String, Object>>> all = new java.util.TreeMap<>();
        records.forEach((object, rows) -> all.put(object, List.copyOf(rows.values())));
        return all;
    }

    public synchronized List<LoggedCall> calls() {
        return List.copyOf(log);
    }

    /** Every open query locator is gone, as 15 minutes after its query (INVALID_QUERY_LOCATOR). */
    public synchronized void expireLocators() {
        locators.clear();
    }

    private void touch(Map<String, Object> row) {
        Instant stamp = now();
        row.put("SystemModstamp", stamp);
        row.put("LastModifiedDate", stamp);
    }

    private Map<String, Object> row(String object, String id) {
        Map<String, Object> row = records.getOrDefault(object, new LinkedHashMap<>()).get(id);
        if (row == null) {
            throw new IllegalArgumentException("no " + object + " " + id);
        }
        return row;
    }

    private String newId(String object) {
        String suffix = Long.toString(nextId++);
        return SalesforceObjects.PREFIXES.get(object) + "0".repeat(Math.max(0, 15 - 3 - suffix.length())) + suffix;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void requireObject(String object) {
        if (!SalesforceObjects.exists(object)) {
            throw new IllegalArgumentException("the emulator has no object " + object);
        }
    }

    static Instant parseInstant(String value) {
        return java.time.OffsetDateTime.parse(value, Soql.SOQL_DATE_TIME).toInstant();
    }

    // ---- queries ----

    /** Runs a query; answers its first page of at most {@code batchSize} rows and a locator for the rest. */
    synchronized Map<String, Object> query(String version, String soqlText, boolean all, int batchSize) {
        Soql soql = Soql.parse(soqlText);
        log.add(new LoggedCall(all ? "queryAll" : "query", soql.object(), soqlText, clock.instant()));
        if (!SalesforceObjects.exists(soql.object())) {
            throw new Soql.SoqlException("INVALID_TYPE", "sObject type '" + soql.object() + "' is not supported. If you are "
                    + "attempting to use a custom object, be sure to append the '__c' after the entity name.");
        }
        Set<String> known = SalesforceObjects.fields(soql.object());
        List<String> named = new ArrayList<>(soql.fields());
        soql.where().forEach(c -> named.add(c.field()));
        soql.orderBy().forEach(o -> named.add(o.field()));
        for (String field : named) {
            if (!known.contains(field)) {
                throw new Soql.SoqlException("INVALID_FIELD", "No such column '" + field + "' on entity '" + soql.object()
                        + "'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.");
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : records.getOrDefault(soql.object(), new LinkedHashMap<>()).values()) {
            if ((all || !Boolean.TRUE.equals(row.get("IsDeleted"))) && soql.where().stream().allMatch(c -> c.test(row))) {
                rows.add(row);
            }
        }
        Comparator<Map<String, Object>> order = null;
        for (Soql.Order o : soql.orderBy()) {
            Comparator<Map<String, Object>> next = (a, b) -> compareNullsFirst(a.get(o.field()), b.get(o.field()));
            next = o.descending() ? next.reversed() : next;
            order = order == null ? next : order.thenComparing(next);
        }
        if (order != null) {
            rows.sort(order);
        }
        if (soql.limit() != null && rows.size() > soql.limit()) {
            rows = rows.subList(0, soql.limit());
        }
        List<Map<String, Object>> projected = rows.stream().map(row -> project(version, soql, row)).toList();
        Locator locator = new Locator(String.format("01g%012d", nextLocator++), projected, clock.instant());
        if (projected.size() > batchSize) {
            locators.put(locator.id(), locator);
        }
        return page(version, locator, 0, batchSize);
    }

    /** The page a nextRecordsUrl names, or null when its locator is unknown or expired. */
    synchronized Map<String, Object> more(String version, String locatorId, int offset, int batchSize) {
        log.add(new LoggedCall("more", null, locatorId + "-" + offset, clock.instant()));
        Locator locator = locators.get(locatorId);
        if (locator == null || !locator.createdAt().plus(locatorLifetime).isAfter(clock.instant())
                || offset < 0 || offset > locator.rows().size()) {
            return null;
        }
        return page(version, locator, offset, batchSize);
    }

    private Map<String, Object> page(String version, Locator locator, int offset, int batchSize) {
        int end = Math.min(locator.rows().size(), offset + batchSize);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("totalSize", locator.rows().size());
        body.put("done", end >= locator.rows().size());
        if (end < locator.rows().size()) {
            body.put("nextRecordsUrl", "/services/data/" + version + "/query/" + locator.id() + "-" + end);
        }
        body.put("records", locator.rows().subList(offset, end));
        return body;
    }

    private static Map<String, Object> project(String version, Soql soql, Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("attributes", Map.of("type", soql.object(),
                "url", "/services/data/" + version + "/sobjects/" + soql.object() + "/" + row.get("Id")));
        for (String field : soql.fields()) {
            Object value = row.get(field);
            out.put(field, value instanceof Instant instant ? JSON_DATE_TIME.format(instant) : value);
        }
        return out;
    }

    private static int compareNullsFirst(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return Soql.compare(a, b);
    }
}
