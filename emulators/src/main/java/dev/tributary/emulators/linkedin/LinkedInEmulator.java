package dev.tributary.emulators.linkedin;

import dev.tributary.emulators.CallGate;
import dev.tributary.emulators.CallStats;
import dev.tributary.emulators.Delays;
import dev.tributary.emulators.EmulatorClock;
import dev.tributary.emulators.Fault;
import dev.tributary.emulators.FaultQueue;
import dev.tributary.emulators.LimitMode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
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
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The emulated LinkedIn Marketing API: DMP segments of every ad account, the bearer tokens it accepts, the
 * per-member call limits of /users and /companies, and what it saw.
 */
@Component
public class LinkedInEmulator {

    private static final Pattern VERSION = Pattern.compile("(\\d{4})(\\d{2})(\\.\\d{2})?");
    static final Pattern ACCOUNT = Pattern.compile("urn:li:sponsoredAccount:\\d+");

    private final LinkedInProperties properties;
    private final EmulatorClock clock;
    private final CallGate gate;
    private final CallStats stats = new CallStats();
    private final FaultQueue faults = new FaultQueue();

    private final Set<String> tokens = new LinkedHashSet<>();
    private final Set<String> expiredTokens = new LinkedHashSet<>();
    private final Map<String, Deque<Instant>> windows = new HashMap<>();
    private final TreeMap<Long, DmpSegment> segments = new TreeMap<>();
    private long nextId;

    private volatile int usersCallsPerMinute;
    private volatile int companiesCallsPerMinute;
    private volatile int newSegmentNotFoundCalls;
    private volatile Duration newSegmentNotFoundFor;
    private volatile LimitMode limitMode;

    LinkedInEmulator(LinkedInProperties properties, EmulatorClock clock, CallGate gate) {
        this.properties = properties;
        this.clock = clock;
        this.gate = gate;
        reset();
    }

    public synchronized void reset() {
        tokens.clear();
        tokens.addAll(properties.accessTokens());
        expiredTokens.clear();
        windows.clear();
        segments.clear();
        nextId = 100_001;
        usersCallsPerMinute = properties.usersCallsPerMinute();
        companiesCallsPerMinute = properties.companiesCallsPerMinute();
        newSegmentNotFoundCalls = properties.newSegmentNotFoundCalls();
        newSegmentNotFoundFor = properties.newSegmentNotFoundFor();
        limitMode = properties.limitMode();
        stats.reset();
        faults.clear();
    }

    public CallStats stats() {
        return stats;
    }

    public FaultQueue faults() {
        return faults;
    }

    public synchronized void addToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token: a non-blank bearer token is required");
        }
        tokens.add(token);
        expiredTokens.remove(token);
    }

    public synchronized void expireTokens() {
        expiredTokens.addAll(tokens);
        tokens.clear();
    }

    public void limitMode(LimitMode mode) {
        this.limitMode = mode;
    }

    /** A new segment answers 404 to its first {@code calls} lookups and for {@code period} after its creation. */
    public void newSegmentsNotFound(int calls, Duration period) {
        if (calls < 0 || period.isNegative()) {
            throw new IllegalArgumentException("calls and period must not be negative");
        }
        this.newSegmentNotFoundCalls = calls;
        this.newSegmentNotFoundFor = period;
    }

    public void callsPerMinute(int users, int companies) {
        this.usersCallsPerMinute = users;
        this.companiesCallsPerMinute = companies;
    }

    Map<String, Object> settings() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("usersCallsPerMinute", usersCallsPerMinute);
        json.put("companiesCallsPerMinute", companiesCallsPerMinute);
        json.put("maxElements", properties.maxElements());
        json.put("newSegmentNotFoundCalls", newSegmentNotFoundCalls);
        json.put("newSegmentNotFoundForMillis", newSegmentNotFoundFor.toMillis());
        json.put("activeVersionMonths", properties.activeVersionMonths());
        json.put("limitMode", limitMode);
        return json;
    }

    int maxElements() {
        return properties.maxElements();
    }

    // ---- the call pipeline ----

    /**
     * Runs one call as LinkedIn would: bearer token (401), protocol headers (400, 426), injected faults, the
     * per-member limit of the resource when it has one (429), then the work.
     */
    ResponseEntity<Object> serve(String authorization, String version, String protocol, String limitedResource,
                                 Supplier<ResponseEntity<Object>> work) {
        stats.call();
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        synchronized (this) {
            if (token == null || !tokens.contains(token)) {
                boolean expired = token != null && expiredTokens.contains(token);
                return error(HttpStatus.UNAUTHORIZED, expired ? "EXPIRED_ACCESS_TOKEN" : "INVALID_ACCESS_TOKEN",
                        expired ? "The token used in the request has expired" : "Invalid access token", 65600);
            }
        }
        ResponseEntity<Object> headerError = headerError(version, protocol);
        if (headerError != null) {
            return headerError;
        }
        Fault fault = faults.next();
        if (fault != null && fault.answersInstead()) {
            stats.injected(fault.label());
            int status = fault.httpStatus() != null ? fault.httpStatus() : 500;
            return error(HttpStatus.valueOf(status), null, status == 429
                    ? "Too many requests" : "Injected " + status, null);
        }
        if (limitedResource != null && overLimit(token, limitedResource)) {
            return error(HttpStatus.TOO_MANY_REQUESTS, null,
                    "Resource level throttle limit for calls to this resource is reached", null);
        }
        if (fault != null) {
            stats.injected(fault.label());
            Delays.hold(fault.delay());
        }
        gate.pass();
        return work.get();
    }

    private ResponseEntity<Object> headerError(String version, String protocol) {
        if (version == null || version.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "VERSION_MISSING",
                    "A version must be present. Please specify a version by adding the LinkedIn-Version header.", null);
        }
        var matcher = VERSION.matcher(version.trim());
        if (!matcher.matches()) {
            return error(HttpStatus.BAD_REQUEST, "INVALID_VERSION",
                    "Invalid version format " + version + ": LinkedIn-Version is YYYYMM", null);
        }
        YearMonth requested = YearMonth.of(Integer.parseInt(matcher.group(1)), Math.max(1, Math.min(12,
                Integer.parseInt(matcher.group(2)))));
        YearMonth current = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        if (requested.isAfter(current) || requested.isBefore(current.minusMonths(properties.activeVersionMonths()))) {
            return error(HttpStatus.UPGRADE_REQUIRED, "NONEXISTENT_VERSION",
                    "Requested version " + version + " is not active", null);
        }
        if (!"2.0.0".equals(protocol)) {
            return error(HttpStatus.BAD_REQUEST, null,
                    "X-Restli-Protocol-Version 2.0.0 is required on this API", null);
        }
        return null;
    }

    /** A sliding minute per token and resource; refused (429) or counted as a violation by the limit mode. */
    private synchronized boolean overLimit(String token, String resource) {
        int limit = "users".equals(resource) ? usersCallsPerMinute : companiesCallsPerMinute;
        Instant now = clock.instant();
        Deque<Instant> window = windows.computeIfAbsent(token + "|" + resource, key -> new ArrayDeque<>());
        while (!window.isEmpty() && !window.peekFirst().isAfter(now.minus(Duration.ofMinutes(1)))) {
            window.pollFirst();
        }
        if (window.size() >= limit) {
            if (limitMode == LimitMode.ENFORCE) {
                stats.refused("429");
                return true;
            }
            stats.violation("rate");
        }
        window.addLast(now);
        return false;
    }

    /** More elements than one call takes: refused (400) or counted as a violation by the limit mode. */
    boolean refusesElements(int count) {
        if (count <= properties.maxElements()) {
            return false;
        }
        if (limitMode == LimitMode.ENFORCE) {
            stats.refused("400");
            return true;
        }
        stats.violation("batchSize");
        return false;
    }

    static ResponseEntity<Object> error(HttpStatus status, String code, String message, Integer serviceErrorCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        if (serviceErrorCode != null) {
            body.put("serviceErrorCode", serviceErrorCode);
        }
        if (code != null) {
            body.put("code", code);
        }
        body.put("message", message);
        return ResponseEntity.status(status).body(body);
    }

    // ---- segments ----

    synchronized DmpSegment create(String name, String account, String type, String sourcePlatform, String sourceSegmentId) {
        long id = nextId++;
        DmpSegment segment = new DmpSegment(id, id + 900_000, name, account, type, sourcePlatform, sourceSegmentId,
                clock.instant());
        segments.put(id, segment);
        return segment;
    }

    /** The segment, unless it is still new: then null, as LinkedIn answers 404 for a short while after creation. */
    synchronized DmpSegment visible(long id) {
        DmpSegment segment = segments.get(id);
        if (segment == null) {
            return null;
        }
        boolean young = clock.instant().isBefore(segment.createdAt.plus(newSegmentNotFoundFor));
        if (segment.lookups < newSegmentNotFoundCalls) {
            segment.lookups++;
            return null;
        }
        return young ? null : segment;
    }

    synchronized boolean ready(DmpSegment segment) {
        return segment.lookups >= newSegmentNotFoundCalls
                && !clock.instant().isBefore(segment.createdAt.plus(newSegmentNotFoundFor));
    }

    synchronized List<Map<String, Object>> byAccount(String account, String sourcePlatform, String sourceSegmentId) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (DmpSegment segment : segments.values()) {
            if (segment.account.equals(account)
                    && (sourcePlatform == null || sourcePlatform.equals(segment.sourcePlatform))
                    && (sourceSegmentId == null || sourceSegmentId.equals(segment.sourceSegmentId))) {
                found.add(segment.toJson(ready(segment)));
            }
        }
        return found;
    }

    synchronized Map<String, Object> json(DmpSegment segment) {
        return segment.toJson(ready(segment));
    }

    /** Applies one /users element; answers its status entry. */
    synchronized Map<String, Object> applyUser(DmpSegment segment, Map<String, Object> element) {
        String action = String.valueOf(element.get("action"));
        if (!"ADD".equals(action) && !"REMOVE".equals(action)) {
            return elementError("action must be ADD or REMOVE, was " + element.get("action"));
        }
        if (!(element.get("userIds") instanceof List<?> userIds) || userIds.isEmpty()) {
            return elementError("userIds must hold at least one {idType, idValue}");
        }
        List<Map<String, Object>> ids = new ArrayList<>();
        for (Object userId : userIds) {
            if (!(userId instanceof Map<?, ?> map)) {
                return elementError("userIds must hold {idType, idValue} objects");
            }
            String idType = String.valueOf(map.get("idType"));
            String idValue = map.get("idValue") == null ? "" : map.get("idValue").toString();
            String problem = switch (idType) {
                case "SHA256_EMAIL" -> idValue.matches("[0-9a-fA-F]{64}") ? null : "SHA256_EMAIL idValue must be 64 hex digits";
                case "SHA512_EMAIL" -> idValue.matches("[0-9a-fA-F]{128}") ? null : "SHA512_EMAIL idValue must be 128 hex digits";
                case "GOOGLE_AID" -> idValue.isBlank() ? "GOOGLE_AID idValue must not be blank" : null;
                default -> "unsupported idType " + idType;
            };
            if (problem != null) {
                return elementError(problem);
            }
            Map<String, Object> stored = new LinkedHashMap<>();
            stored.put("idType", idType);
            stored.put("idValue", idType.startsWith("SHA") ? idValue.toLowerCase(Locale.ROOT) : idValue);
            for (String field : List.of("firstName", "lastName", "title", "company", "country")) {
                if (element.get(field) != null) {
                    stored.put(field, element.get(field));
                }
            }
            ids.add(stored);
        }
        for (Map<String, Object> id : ids) {
            String key = id.get("idType") + ":" + id.get("idValue");
            if ("ADD".equals(action)) {
                segment.users.put(key, id);
            } else {
                segment.users.remove(key);
            }
        }
        segment.lastModified = clock.instant();
        return Map.of("status", 201);
    }

    /** Applies one /companies element; answers its status entry. */
    synchronized Map<String, Object> applyCompany(DmpSegment segment, Map<String, Object> element) {
        String action = String.valueOf(element.get("action"));
        if (!"ADD".equals(action) && !"REMOVE".equals(action)) {
            return elementError("action must be ADD or REMOVE, was " + element.get("action"));
        }
        String key = null;
        for (String field : List.of("organizationUrn", "companyWebsiteDomain", "companyPageUrl", "companyName", "stockSymbol")) {
            Object value = element.get(field);
            if (value != null && !value.toString().isBlank()) {
                key = field + ":" + value.toString().trim().toLowerCase(Locale.ROOT);
                break;
            }
        }
        if (key == null) {
            return elementError("a company needs one of organizationUrn, companyWebsiteDomain, companyPageUrl, "
                    + "companyName, stockSymbol");
        }
        if (element.get("industries") instanceof List<?> industries && industries.size() > 3) {
            return elementError("at most 3 industries");
        }
        if ("ADD".equals(action)) {
            Map<String, Object> stored = new LinkedHashMap<>(element);
            stored.remove("action");
            segment.companies.put(key, stored);
        } else {
            segment.companies.remove(key);
        }
        segment.lastModified = clock.instant();
        return Map.of("status", 201);
    }

    private static Map<String, Object> elementError(String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("status", 400);
        Map<String, Object> element = new LinkedHashMap<>();
        element.put("status", 400);
        element.put("error", error);
        return element;
    }

    // ---- inspection ----

    public synchronized List<Map<String, Object>> segments() {
        return segments.values().stream().map(segment -> segment.inspect(ready(segment))).toList();
    }

    /** The SHA-256 hashed emails a segment holds, found by account and name; empty when there is none. */
    @SuppressWarnings("unchecked")
    public synchronized List<String> hashedEmails(String account, String name) {
        return segments.values().stream().filter(s -> s.account.equals(account) && s.name.equals(name)).findFirst()
                .map(s -> (List<String>) s.inspect(true).get("hashedEmails")).orElse(List.of());
    }

    @SuppressWarnings("unchecked")
    public synchronized List<Map<String, Object>> companies(String account, String name) {
        return segments.values().stream().filter(s -> s.account.equals(account) && s.name.equals(name)).findFirst()
                .map(s -> (List<Map<String, Object>>) s.inspect(true).get("companies")).orElse(List.of());
    }
}
