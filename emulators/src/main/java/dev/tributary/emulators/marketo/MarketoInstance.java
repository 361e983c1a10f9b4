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

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One emulated Marketo subscription (munchkin id): its API user's tokens, lead database, static lists, limits and
 * what it saw. Data operations lock the instance; the limits are checked before a call takes that lock.
 */
public final class MarketoInstance {

    private final MarketoProperties.Instance credentials;
    private final EmulatorClock clock;
    private final CallGate gate;
    private final CallStats stats = new CallStats();
    private final FaultQueue faults = new FaultQueue();

    private final MarketoLimits limits;
    private final AtomicInteger inFlight = new AtomicInteger();

    /** What the malformed-page fault answers: an envelope cut off mid-record. */
    static final String MALFORMED_BODY = "{\"requestId\":\"0bad#0\",\"success\":true,\"result\":[{\"id\":";

    private final MarketoCallLog callLog = new MarketoCallLog();
    private final MarketoCatalog catalog;
    private final MarketoBulkExports exports;
    private final MarketoPrograms programs;
    private final MarketoOpportunities opportunities;

    private final Map<String, Instant> tokens = new HashMap<>();
    private String currentToken;

    private final MarketoLeads leadDatabase;
    private final MarketoStaticLists staticLists;

    MarketoInstance(MarketoProperties.Instance credentials, MarketoProperties settings, EmulatorClock clock, CallGate gate) {
        this.credentials = credentials;
        this.clock = clock;
        this.gate = gate;
        this.limits = new MarketoLimits(clock, stats);
        this.catalog = new MarketoCatalog(clock);
        this.programs = new MarketoPrograms(clock);
        this.opportunities = new MarketoOpportunities(clock);
        this.leadDatabase = new MarketoLeads(clock);
        this.staticLists = new MarketoStaticLists(clock, leadDatabase);
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

    public MarketoOpportunities opportunities() {
        return opportunities;
    }

    public MarketoPrograms programs() {
        return programs;
    }

    public MarketoBulkExports exports() {
        return exports;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public void limitMode(LimitMode mode) {
        limits.limitMode(mode);
    }

    public void dailyQuota(long quota) {
        limits.dailyQuota(quota);
    }

    void applySettings(MarketoProperties settings) {
        limits.apply(settings);
    }

    public Map<String, Object> settings() {
        return limits.settings();
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
            leadDatabase.clear();
            staticLists.clear();
            catalog.clear();
            programs.clear();
            opportunities.clear();
            exports.clear();
            tokens.clear();
            currentToken = null;
        }
        limits.clearCounts();
    }

    // ---- identity ----

    /** The identity call: the same token until it expires, with the seconds it has left. */
    synchronized Map<String, Object> issueToken() {
        stats.tokenCall();
        Instant now = clock.instant();
        if (currentToken == null || !tokens.get(currentToken).isAfter(now)) {
            currentToken = UUID.randomUUID() + ":" + munchkinId().toLowerCase(Locale.ROOT).replace("-", "");
            tokens.put(currentToken, now.plus(limits.tokenLifetime()));
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
            if (limits.refusesConcurrency(concurrent)) {
                return ResponseEntity.ok(MarketoEnvelope.error("615", "Concurrent access limit reached"));
            }
            Map<String, Object> limitError = limits.admit();
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

    /** The 300-records-per-call limit, checked by each endpoint once it knows how many records it got. */
    Map<String, Object> batchError(int size, String what) {
        return limits.batchError(size, what);
    }

    int maxBatch() {
        return limits.maxBatch();
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
            case "606" -> limits.rateLimitMessage();
            case "607" -> "Daily quota reached";
            case "608" -> "API Temporarily Unavailable";
            case "611" -> "System error";
            case "615" -> "Concurrent access limit reached";
            default -> "Injected error " + code;
        };
    }

    // ---- the lead database (MarketoLeads, MarketoStaticLists, MarketoCatalog) ----

    public MarketoLeads leadDatabase() {
        return leadDatabase;
    }

    public MarketoStaticLists staticLists() {
        return staticLists;
    }

    public List<Map<String, Object>> leads() {
        return leadDatabase.all();
    }

    /** Every static list with its member lead ids and their emails. */
    public List<Map<String, Object>> lists() {
        return staticLists.all();
    }

    public List<String> memberEmails(String listName) {
        return staticLists.memberEmails(listName);
    }

    /** Seeds a lead as if created through the API (for tests and the demo); returns its id. */
    public long seedLead(Map<String, Object> fields) {
        return leadDatabase.seedLead(fields);
    }

    /** Seeds a lead under a given id, as an instance that already holds it; later leads get higher ids. */
    public long seedLead(long id, Map<String, Object> fields) {
        return leadDatabase.seedLead(id, fields);
    }

    public void updateLead(long id, Map<String, Object> fields) {
        leadDatabase.updateLead(id, fields);
    }

    public void seedList(long id, String name, List<Long> memberIds, String updatedAt) {
        staticLists.seedList(id, name, memberIds, updatedAt);
    }

    /** Deletes a lead as Marketo does: gone from the database and its lists, with a Delete Lead activity (type 37). */
    public void deleteLead(long id) {
        if (!leadDatabase.remove(id)) {
            throw new IllegalArgumentException("no lead " + id);
        }
        staticLists.forget(id);
        catalog.addActivity(id, 37, null, String.valueOf(id), Map.of(), clock.instant());
    }


}
