package dev.tributary.emulators.marketo;

import dev.tributary.emulators.CallGate;
import dev.tributary.emulators.CallStats;
import dev.tributary.emulators.Delays;
import dev.tributary.emulators.EmulatorClock;
import dev.tributary.emulators.Fault;
import dev.tributary.emulators.FaultQueue;
import dev.tributary.emulators.LimitMode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One emulated Marketo subscription (munchkin id): its API user's tokens, lead database, static lists, limits and
 * what it saw. Data operations lock the instance; the limits are checked before a call takes that lock.
 */
public final class MarketoInstance {

    /** Marketo's daily quota resets at 12:00 AM CST. */
    private static final ZoneOffset CST = ZoneOffset.ofHours(-6);

    private final MarketoProperties.Instance credentials;
    private final EmulatorClock clock;
    private final CallGate gate;
    private final CallStats stats = new CallStats();
    private final FaultQueue faults = new FaultQueue();

    private volatile Duration tokenLifetime;
    private volatile int rateLimit;
    private volatile Duration rateWindow;
    private volatile int maxConcurrent;
    private volatile long dailyQuota;
    private volatile int maxBatch;
    private volatile LimitMode limitMode;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Deque<Instant> admitted = new ArrayDeque<>();
    private LocalDate quotaDay;
    private long quotaUsed;

    /** What the malformed-page fault answers: an envelope cut off mid-record. */
    static final String MALFORMED_BODY = "{\"requestId\":\"0bad#0\",\"success\":true,\"result\":[{\"id\":";

    private final MarketoCallLog callLog = new MarketoCallLog();
    private final MarketoCatalog catalog;
    private final MarketoBulkExports exports;

    private final Map<String, Instant> tokens = new HashMap<>();
    private String currentToken;

    private final TreeMap<Long, Map<String, Object>> leads = new TreeMap<>();
    private final TreeMap<Long, StaticList> lists = new TreeMap<>();
    private long nextLeadId;
    private long nextListId;

    MarketoInstance(MarketoProperties.Instance credentials, MarketoProperties settings, EmulatorClock clock, CallGate gate) {
        this.credentials = credentials;
        this.clock = clock;
        this.gate = gate;
        this.catalog = new MarketoCatalog(clock);
        this.exports = new MarketoBulkExports(this, clock);
        applySettings(settings);
        clearData();
    }

    public String munchkinId() {
        return credentials.munchkinId();
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

    Instant now() {
        return clock.instant();
    }

    /** Seeds the instance from a scenario file on the classpath, e.g. {@code scenarios/townsend/mkto-1.json}. */
    public void loadScenario(String resource) {
        MarketoScenario.loadResource(this, resource);
    }

    public MarketoCallLog callLog() {
        return callLog;
    }

    public MarketoCatalog catalog() {
        return catalog;
    }

    public MarketoBulkExports exports() {
        return exports;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public void limitMode(LimitMode mode) {
        this.limitMode = mode;
    }

    public void dailyQuota(long quota) {
        this.dailyQuota = quota;
    }

    void applySettings(MarketoProperties settings) {
        tokenLifetime = settings.tokenLifetime();
        rateLimit = settings.rateLimit();
        rateWindow = settings.rateWindow();
        maxConcurrent = settings.maxConcurrent();
        dailyQuota = settings.dailyQuota();
        maxBatch = settings.maxBatch();
        limitMode = settings.limitMode();
    }

    /** Forgets data, tokens, counters and pending faults, and restores the configured limits. */
    synchronized void reset(MarketoProperties settings) {
        applySettings(settings);
        clearData();
        stats.reset();
        faults.clear();
        callLog.clear();
    }

    private void clearData() {
        synchronized (this) {
            leads.clear();
            lists.clear();
            catalog.clear();
            exports.clear();
            tokens.clear();
            currentToken = null;
            nextLeadId = 1;
            nextListId = 1001;
        }
        synchronized (admitted) {
            admitted.clear();
            quotaDay = null;
            quotaUsed = 0;
        }
    }

    // ---- identity ----

    /** The identity call: the same token until it expires, with the seconds it has left. */
    synchronized Map<String, Object> issueToken() {
        stats.tokenCall();
        Instant now = clock.instant();
        if (currentToken == null || !tokens.get(currentToken).isAfter(now)) {
            currentToken = UUID.randomUUID() + ":" + munchkinId().toLowerCase(Locale.ROOT).replace("-", "");
            tokens.put(currentToken, now.plus(tokenLifetime));
        }
        long left = Math.max(0, now.until(tokens.get(currentToken), ChronoUnit.SECONDS));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", currentToken);
        body.put("token_type", "bearer");
        body.put("expires_in", left);
        body.put("scope", "emulator-api-user@" + munchkinId());
        return body;
    }

    public synchronized void expireTokens() {
        Instant now = clock.instant();
        tokens.replaceAll((token, expiry) -> expiry.isAfter(now) ? now : expiry);
    }

    private synchronized Map<String, Object> tokenError(String token) {
        if (token == null || token.isBlank() || !tokens.containsKey(token)) {
            return MarketoEnvelope.error("601", "Access token invalid");
        }
        if (!tokens.get(token).isAfter(clock.instant())) {
            return MarketoEnvelope.error("602", "Access token expired");
        }
        return null;
    }

    // ---- the call pipeline ----

    /**
     * Runs one REST call as Marketo would: token (601/602, not counted against limits), injected faults,
     * concurrency (615), rate (606), daily quota (607), then the work.
     */
    ResponseEntity<Object> serve(String token, Supplier<Map<String, Object>> work) {
        return serveEntity(token, () -> ResponseEntity.ok(work.get()));
    }

    /** {@link #serve} for answers that are not an envelope (a bulk export's CSV file). */
    ResponseEntity<Object> serveEntity(String token, Supplier<ResponseEntity<Object>> work) {
        stats.call();
        callLog.record();
        Map<String, Object> tokenError = tokenError(token);
        if (tokenError != null) {
            return ResponseEntity.ok(tokenError);
        }
        Fault fault = faults.next();
        if (fault != null && fault.answersInstead()) {
            stats.injected(fault.label());
            if (fault.httpStatus() != null) {
                return ResponseEntity.status(fault.httpStatus()).body(httpErrorBody(fault.httpStatus()));
            }
            if (fault.malformed()) {
                return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(MALFORMED_BODY);
            }
            return ResponseEntity.ok(MarketoEnvelope.error(fault.code(), messageOf(fault.code())));
        }
        int concurrent = inFlight.incrementAndGet();
        try {
            if (concurrent > maxConcurrent && refuses("concurrency", "615")) {
                return ResponseEntity.ok(MarketoEnvelope.error("615", "Concurrent access limit reached"));
            }
            Map<String, Object> limitError = admit();
            if (limitError != null) {
                return ResponseEntity.ok(limitError);
            }
            if (fault != null) {
                stats.injected(fault.label());
                Delays.hold(fault.delay());
            }
            gate.pass();
            return work.get();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Counts the call in the 20 s window and the day's quota unless a limit refuses it. */
    private Map<String, Object> admit() {
        synchronized (admitted) {
            Instant now = clock.instant();
            Instant windowStart = now.minus(rateWindow);
            while (!admitted.isEmpty() && !admitted.peekFirst().isAfter(windowStart)) {
                admitted.pollFirst();
            }
            if (admitted.size() >= rateLimit && refuses("rate", "606")) {
                return MarketoEnvelope.error("606", rateLimitMessage());
            }
            LocalDate today = LocalDate.ofInstant(now, CST);
            if (!today.equals(quotaDay)) {
                quotaDay = today;
                quotaUsed = 0;
            }
            if (quotaUsed >= dailyQuota && refuses("dailyQuota", "607")) {
                return MarketoEnvelope.error("607", "Daily quota reached");
            }
            admitted.addLast(now);
            quotaUsed++;
            return null;
        }
    }

    /** Marketo's text, "with in" included. */
    private String rateLimitMessage() {
        return "Max rate limit '" + rateLimit + "' exceeded with in '" + rateWindow.toSeconds() + "' secs";
    }

    /** In ENFORCE mode the call is refused with the documented code; in OBSERVE mode it is served and counted. */
    private boolean refuses(String limit, String code) {
        if (limitMode == LimitMode.ENFORCE) {
            stats.refused(code);
            return true;
        }
        stats.violation(limit);
        return false;
    }

    /** The 300-records-per-call limit, checked by each endpoint once it knows how many records it got. */
    Map<String, Object> batchError(int size, String what) {
        if (size > maxBatch && refuses("batchSize", "1003")) {
            return MarketoEnvelope.error("1003", "Invalid data: " + size + " " + what + ", at most " + maxBatch
                    + " in one call");
        }
        return null;
    }

    int maxBatch() {
        return maxBatch;
    }

    private static Map<String, Object> httpErrorBody(int status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", HttpStatus.resolve(status) == null ? "Error" : HttpStatus.resolve(status).getReasonPhrase());
        return body;
    }

    private String messageOf(String code) {
        return switch (code) {
            case "601" -> "Access token invalid";
            case "602" -> "Access token expired";
            case "604" -> "Request time-out";
            case "606" -> rateLimitMessage();
            case "607" -> "Daily quota reached";
            case "608" -> "API Temporarily Unavailable";
            case "611" -> "System error";
            case "615" -> "Concurrent access limit reached";
            default -> "Injected error " + code;
        };
    }

    // ---- leads ----

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

    // ---- static lists ----

    /** A static list asset and its members (lead ids, in the order they were added). */
    static final class StaticList {
        final long id;
        final String name;
        final String description;
        final Map<String, Object> folder;
        final String createdAt;
        String updatedAt;
        final Set<Long> members = new LinkedHashSet<>();

        StaticList(long id, String name, String description, Map<String, Object> folder, String createdAt) {
            this.id = id;
            this.name = name;
            this.description = description;
            this.folder = folder;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }

        Map<String, Object> asset() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("name", name);
            json.put("description", description);
            json.put("createdAt", createdAt);
            json.put("updatedAt", updatedAt);
            json.put("folder", folder);
            json.put("computedUrl", "https://app-emulator.marketo.com/#ST" + id + "A1");
            json.put("workspace", "Default");
            return json;
        }
    }

    /** Creates the list, or answers 709 when the name is taken (static list names are unique). */
    synchronized Map<String, Object> createList(String name, String description, Map<String, Object> folder) {
        for (StaticList list : lists.values()) {
            if (list.name.equals(name)) {
                return MarketoEnvelope.error("709", "Static List with name '" + name + "' already exists");
            }
        }
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        StaticList list = new StaticList(nextListId++, name, description, folder, now);
        lists.put(list.id, list);
        return MarketoEnvelope.ok(List.of(list.asset()));
    }

    synchronized Map<String, Object> listByName(String name) {
        for (StaticList list : lists.values()) {
            if (list.name.equals(name)) {
                return MarketoEnvelope.ok(List.of(list.asset()));
            }
        }
        return MarketoEnvelope.warning("No assets found for the given search criteria.");
    }

    synchronized Map<String, Object> listById(long id) {
        StaticList list = lists.get(id);
        return list == null ? MarketoEnvelope.warning("No assets found for the given search criteria.")
                : MarketoEnvelope.ok(List.of(list.asset()));
    }

    synchronized boolean listExists(long listId) {
        return lists.containsKey(listId);
    }

    /** Add to List: added, or skipped with 1004 for an unknown lead; in input order. */
    synchronized List<Map<String, Object>> addMembers(long listId, List<Long> ids) {
        StaticList list = lists.get(listId);
        List<Map<String, Object>> results = new ArrayList<>();
        for (Long id : ids) {
            if (!leads.containsKey(id)) {
                results.add(withId(id, skipped("1004", "Lead not found")));
            } else {
                list.members.add(id);
                results.add(status(id, "added"));
            }
        }
        list.updatedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        return results;
    }

    /** Remove from List: removed, or skipped with 1004 (unknown lead) or 1015 (not in the list); in input order. */
    synchronized List<Map<String, Object>> removeMembers(long listId, List<Long> ids) {
        StaticList list = lists.get(listId);
        List<Map<String, Object>> results = new ArrayList<>();
        for (Long id : ids) {
            if (!leads.containsKey(id)) {
                results.add(withId(id, skipped("1004", "Lead not found")));
            } else if (!list.members.remove(id)) {
                results.add(withId(id, skipped("1015", "Lead not in list")));
            } else {
                results.add(status(id, "removed"));
            }
        }
        list.updatedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        return results;
    }

    synchronized List<Map<String, Object>> isMember(long listId, List<Long> ids) {
        StaticList list = lists.get(listId);
        List<Map<String, Object>> results = new ArrayList<>();
        for (Long id : ids) {
            if (!leads.containsKey(id)) {
                results.add(withId(id, skipped("1004", "Lead not found")));
            } else {
                results.add(status(id, list.members.contains(id) ? "memberof" : "notmemberof"));
            }
        }
        return results;
    }

    /** One page of a list's members, from offset; the caller turns offsets into paging tokens. */
    synchronized List<Map<String, Object>> members(long listId, int offset, int size, List<String> fields) {
        List<Long> ids = new ArrayList<>(lists.get(listId).members);
        List<Map<String, Object>> page = new ArrayList<>();
        for (int i = offset; i < Math.min(ids.size(), offset + size); i++) {
            page.add(project(leads.get(ids.get(i)), fields));
        }
        return page;
    }

    synchronized int memberCount(long listId) {
        return lists.get(listId).members.size();
    }

    private static Map<String, Object> withId(long id, Map<String, Object> result) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.putAll(result);
        return out;
    }

    // ---- inspection ----

    public synchronized List<Map<String, Object>> leads() {
        return leads.values().stream().map(lead -> (Map<String, Object>) new LinkedHashMap<>(lead)).toList();
    }

    /** Every static list with its member lead ids and their emails. */
    public synchronized List<Map<String, Object>> lists() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StaticList list : lists.values()) {
            Map<String, Object> json = list.asset();
            json.put("memberIds", List.copyOf(list.members));
            json.put("memberEmails", list.members.stream().map(id -> leads.get(id).get("email")).toList());
            out.add(json);
        }
        return out;
    }

    /** Emails of a list's members, found by the list's name; empty when there is no such list. */
    public synchronized List<String> memberEmails(String listName) {
        for (StaticList list : lists.values()) {
            if (list.name.equals(listName)) {
                return list.members.stream().map(id -> String.valueOf(leads.get(id).get("email"))).toList();
            }
        }
        return List.of();
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

    /** Changes a lead's fields as a user or a sync would; its updatedAt becomes now. */
    public synchronized void updateLead(long id, Map<String, Object> fields) {
        Map<String, Object> lead = leads.get(id);
        if (lead == null) {
            throw new IllegalArgumentException("no lead " + id);
        }
        updated(lead, new LinkedHashMap<>(fields), clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** Deletes a lead as Marketo does: gone from the database and its lists, with a Delete Lead activity (type 37). */
    public synchronized void deleteLead(long id) {
        if (leads.remove(id) == null) {
            throw new IllegalArgumentException("no lead " + id);
        }
        lists.values().forEach(list -> list.members.remove(id));
        catalog.addActivity(id, 37, null, String.valueOf(id), Map.of(), clock.instant());
    }

    /** Seeds a static list under a given id with its members (lead ids that must exist); later lists get higher ids. */
    public synchronized void seedList(long id, String name, List<Long> memberIds, String updatedAt) {
        if (lists.containsKey(id) || memberIds.stream().anyMatch(member -> !leads.containsKey(member))) {
            throw new IllegalArgumentException("list id " + id + " is taken or names an unknown lead");
        }
        String stamp = updatedAt != null ? updatedAt : clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        StaticList list = new StaticList(id, name, null, Map.of("id", 12, "type", "Folder"), stamp);
        list.members.addAll(memberIds);
        lists.put(id, list);
        nextListId = Math.max(nextListId, id + 1);
    }

    /** The static lists as Get Lists (/rest/v1/lists.json) answers them, by id. */
    synchronized List<Map<String, Object>> listRecords() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StaticList list : lists.values()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", list.id);
            json.put("name", list.name);
            json.put("description", list.description);
            json.put("programName", null);
            json.put("workspaceName", "Default");
            json.put("createdAt", list.createdAt);
            json.put("updatedAt", list.updatedAt);
            out.add(json);
        }
        return out;
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

    public Map<String, Object> settings() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tokenLifetimeSeconds", tokenLifetime.toSeconds());
        json.put("rateLimit", rateLimit);
        json.put("rateWindowSeconds", rateWindow.toSeconds());
        json.put("maxConcurrent", maxConcurrent);
        json.put("dailyQuota", dailyQuota);
        json.put("maxBatch", maxBatch);
        json.put("limitMode", limitMode);
        return json;
    }
}
