package dev.tributary.emulators.dynamics;

import dev.tributary.emulators.CallStats;
import dev.tributary.emulators.EmulatorClock;
import dev.tributary.emulators.FaultQueue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * One emulated Dataverse environment: its app's tokens, its rows, the service protection window, faults and a log of
 * the queries it ran. Pages are keyset pages: a {@code $skiptoken} holds the last row's sort values, so rows changed
 * between pages are neither skipped nor repeated within one query's pages.
 */
public final class DynamicsOrg {

    /** One API call as the environment saw it: {@code kind} is token or query. */
    public record LoggedCall(String kind, String entitySet, String filter, String orderBy, boolean continued, Instant at) {
    }


    private final DynamicsProperties.Instance credentials;
    private final EmulatorClock clock;
    private final CallStats stats = new CallStats();
    private final FaultQueue faults = new FaultQueue();
    private final Map<String, LinkedHashMap<String, Map<String, Object>>> rows = new HashMap<>();
    private final Map<String, Instant> tokens = new HashMap<>();
    private final Deque<Instant> window = new ArrayDeque<>();
    private final List<LoggedCall> log = new ArrayList<>();
    private final Map<String, List<Object[]>> tombstones = new HashMap<>();
    private volatile Duration tokenLifetime;
    private volatile int requestsPerWindow;
    private volatile Duration windowLength;
    private volatile Duration injectedRetryAfter = Duration.ofSeconds(5);
    private long version;

    DynamicsOrg(DynamicsProperties.Instance credentials, DynamicsProperties settings, EmulatorClock clock) {
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

    synchronized void reset(DynamicsProperties settings) {
        tokenLifetime = settings.tokenLifetime();
        requestsPerWindow = settings.requestsPerWindow();
        windowLength = settings.window();
        rows.clear();
        tombstones.clear();
        tokens.clear();
        window.clear();
        log.clear();
        version = 1000;
        stats.reset();
        faults.clear();
    }

    // ---- tokens and service protection ----

    synchronized Map<String, Object> issueToken() {
        stats.tokenCall();
        log.add(new LoggedCall("token", null, null, null, false, clock.instant()));
        String token = "eyJ0eXAiOiJKV1QifQ." + UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, clock.instant().plus(tokenLifetime));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", tokenLifetime.toSeconds());
        body.put("ext_expires_in", tokenLifetime.toSeconds());
        body.put("access_token", token);
        return body;
    }

    synchronized boolean validToken(String token) {
        Instant expiry = token == null ? null : tokens.get(token);
        return expiry != null && expiry.isAfter(clock.instant());
    }

    public synchronized void expireTokens() {
        Instant now = clock.instant();
        tokens.replaceAll((token, expiry) -> expiry.isAfter(now) ? now : expiry);
    }

    /** Admits a request into the sliding window, or answers how long until one would be admitted. */
    synchronized Duration admit() {
        Instant now = clock.instant();
        while (!window.isEmpty() && !window.peekFirst().isAfter(now.minus(windowLength))) {
            window.pollFirst();
        }
        if (window.size() >= requestsPerWindow) {
            stats.refused("429");
            Duration wait = Duration.between(now, window.peekFirst().plus(windowLength));
            return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
        }
        window.addLast(now);
        return null;
    }

    /** Changes the service protection limit until the next reset. */
    public void serviceProtection(int requests, Duration window) {
        this.requestsPerWindow = requests;
        this.windowLength = window;
    }

    int requestsPerWindow() {
        return requestsPerWindow;
    }

    long windowSeconds() {
        return windowLength.toSeconds();
    }

    Duration injectedRetryAfter() {
        return injectedRetryAfter;
    }

    public void injectedRetryAfter(Duration retryAfter) {
        this.injectedRetryAfter = retryAfter;
    }

    // ---- data ----

    /** Stores a row as the environment already held it; {@code modifiedon} defaults to now. Returns its id. */
    public synchronized String seed(String entitySet, Map<String, Object> fields) {
        DynamicsEntities.Entity entity = entity(entitySet);
        Map<String, Object> row = new LinkedHashMap<>(fields);
        String id = row.get(entity.primaryKey()) == null ? UUID.randomUUID().toString() : row.get(entity.primaryKey()).toString();
        row.put(entity.primaryKey(), id);
        row.put("modifiedon", row.get("modifiedon") == null ? now() : parse(row.get("modifiedon").toString()));
        row.putIfAbsent("createdon", row.get("modifiedon"));
        row.put("createdon", row.get("createdon") instanceof Instant i ? i : parse(row.get("createdon").toString()));
        row.putIfAbsent("statecode", 0);
        row.put("versionnumber", ++version);
        rows.computeIfAbsent(entitySet, s -> new LinkedHashMap<>()).put(id, row);
        return id;
    }

    /** Changes columns of a row as a user would: its modifiedon becomes now. */
    public synchronized void update(String entitySet, String id, Map<String, Object> changes) {
        Map<String, Object> row = rows.getOrDefault(entitySet, new LinkedHashMap<>()).get(id);
        if (row == null) {
            throw new IllegalArgumentException("no " + entitySet + " row " + id);
        }
        row.putAll(changes);
        row.put("modifiedon", now());
        row.put("versionnumber", ++version);
    }

    /** Deletes a row for good, as Dataverse does: only change tracking (a delta link) reports it, as a $deletedEntity. */
    public synchronized void delete(String entitySet, String id) {
        if (rows.getOrDefault(entitySet, new LinkedHashMap<>()).remove(id) != null) {
            tombstones.computeIfAbsent(entitySet, s -> new ArrayList<>()).add(new Object[] {id, ++version});
        }
    }

    public synchronized List<Map<String, Object>> rows(String entitySet) {
        return List.copyOf(rows.getOrDefault(entitySet, new LinkedHashMap<>()).values());
    }

    /** Every entity set's rows, by entity set name. */
    public synchronized Map<String, List<Map<String, Object>>> allRows() {
        Map<String, List<Map<String, Object>>> all = new java.util.TreeMap<>();
        rows.forEach((set, byId) -> all.put(set, List.copyOf(byId.values())));
        return all;
    }

    public synchronized List<LoggedCall> calls() {
        return List.copyOf(log);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Instant parse(String value) {
        return OffsetDateTime.parse(value).toInstant();
    }

    private static DynamicsEntities.Entity entity(String set) {
        DynamicsEntities.Entity entity = DynamicsEntities.find(set);
        if (entity == null) {
            throw new ODataQuery.ODataException(404, ODataQuery.SYNTAX, "Resource not found for the segment '" + set + "'.");
        }
        return entity;
    }

    // ---- queries ----

    /** One page: rows matching {@code filter} in {@code orderBy} order (primary key last), after {@code skipToken}. */
    synchronized Page query(String entitySet, String select, String filter, String orderBy, int pageSize, String skipToken,
                            boolean annotations, boolean trackChanges, String deltaToken) {
        log.add(new LoggedCall(deltaToken != null ? "delta" : "query", entitySet, filter, orderBy, skipToken != null, clock.instant()));
        DynamicsEntities.Entity entity = entity(entitySet);
        if ((trackChanges || deltaToken != null) && (filter != null || orderBy != null)) {
            throw new ODataQuery.ODataException(400, ODataQuery.SYNTAX, "$filter and $orderby are not supported with change tracking.");
        }
        if (deltaToken != null) {
            return changes(entity, select, deltaToken, annotations);
        }
        Set<String> columns = entity.allColumns();
        List<String> selected = select == null ? List.copyOf(columns) : List.of(select.split("\\s*,\\s*"));
        selected.forEach(c -> ODataQuery.requireColumn(entity, columns, c));
        List<Object[]> conditions = new ArrayList<>();
        if (filter != null && !filter.isBlank()) {
            for (String part : filter.split("\\s+and\\s+")) {
                Matcher m = ODataQuery.CONDITION.matcher(part);
                if (!m.matches()) {
                    throw new ODataQuery.ODataException(400, ODataQuery.SYNTAX, "Syntax error at position " + filter.indexOf(part) + " in '" + filter + "'.");
                }
                ODataQuery.requireColumn(entity, columns, m.group(1));
                conditions.add(new Object[] {m.group(1), m.group(2), ODataQuery.literal(m.group(3), filter)});
            }
        }
        List<String[]> order = new ArrayList<>();
        if (orderBy != null && !orderBy.isBlank()) {
            for (String part : orderBy.split("\\s*,\\s*")) {
                String[] words = part.trim().split("\\s+");
                ODataQuery.requireColumn(entity, columns, words[0]);
                order.add(new String[] {words[0], words.length > 1 ? words[1].toLowerCase(Locale.ROOT) : "asc"});
            }
        }
        order.add(new String[] {entity.primaryKey(), "asc"});
        Comparator<Map<String, Object>> comparator = (a, b) -> {
            for (String[] o : order) {
                int cmp = ODataQuery.compare(a.get(o[0]), b.get(o[0]));
                if (cmp != 0) {
                    return o[1].equals("desc") ? -cmp : cmp;
                }
            }
            return 0;
        };
        Map<String, Object> after = skipToken == null ? null : ODataQuery.decode(skipToken);
        long startVersion = after != null && after.get("$version") instanceof BigDecimal v ? v.longValue() : version;
        List<Map<String, Object>> matching = rows.getOrDefault(entitySet, new LinkedHashMap<>()).values().stream()
                .filter(row -> conditions.stream().allMatch(c -> ODataQuery.test(row.get((String) c[0]), (String) c[1], c[2])))
                .filter(row -> after == null || comparator.compare(row, after) > 0)
                .sorted(comparator).toList();
        List<Map<String, Object>> page = matching.subList(0, Math.min(pageSize, matching.size()));
        List<Map<String, Object>> out = page.stream().map(row -> ODataQuery.project(row, selected, annotations)).toList();
        String next = matching.size() > pageSize ? ODataQuery.encode(page.get(page.size() - 1), order, startVersion) : null;
        String delta = trackChanges && next == null ? deltaToken(startVersion) : null;
        return new Page(entity.logicalName(), out, next, delta);
    }

    /** What changed after a delta token's version: rows changed or created since, then $deletedEntity rows. */
    private Page changes(DynamicsEntities.Entity entity, String select, String deltaToken, boolean annotations) {
        long since;
        try {
            since = Long.parseLong(deltaToken.substring(0, deltaToken.indexOf('!') < 0 ? deltaToken.length() : deltaToken.indexOf('!')));
        } catch (NumberFormatException e) {
            throw new ODataQuery.ODataException(400, ODataQuery.SYNTAX, "The delta token is not valid.");
        }
        Set<String> columns = entity.allColumns();
        List<String> selected = select == null ? List.copyOf(columns) : List.of(select.split("\\s*,\\s*"));
        selected.forEach(c -> ODataQuery.requireColumn(entity, columns, c));
        List<Map<String, Object>> out = new ArrayList<>();
        rows.getOrDefault(entity.set(), new LinkedHashMap<>()).values().stream()
                .filter(row -> ((Number) row.get("versionnumber")).longValue() > since)
                .sorted(Comparator.comparingLong(row -> ((Number) row.get("versionnumber")).longValue()))
                .forEach(row -> out.add(ODataQuery.project(row, selected, annotations)));
        for (Object[] tombstone : tombstones.getOrDefault(entity.set(), List.of())) {
            if ((Long) tombstone[1] > since) {
                Map<String, Object> deleted = new LinkedHashMap<>();
                deleted.put("@odata.context", "$metadata#" + entity.set() + "/$deletedEntity");
                deleted.put("id", tombstone[0]);
                deleted.put("reason", "deleted");
                out.add(deleted);
            }
        }
        return new Page(entity.logicalName(), out, null, deltaToken(version));
    }

    private String deltaToken(long atVersion) {
        return atVersion + "!" + java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC).format(clock.instant());
    }

    /** One page: its rows, the skiptoken of the next page, and on the last page of a tracked query its delta token. */
    record Page(String logicalName, List<Map<String, Object>> rows, String nextSkipToken, String deltaToken) {
    }

}
