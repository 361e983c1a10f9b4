package dev.tributary.emulators.marketo;

import dev.tributary.emulators.CallStats;
import dev.tributary.emulators.EmulatorClock;
import dev.tributary.emulators.LimitMode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An instance's documented limits and what counts against them: 100 calls in a sliding 20 s (606), 10 in flight
 * (615), the daily quota from 00:00 CST (607), 300 records per call (1003); enforced or observed (ADR 0025).
 */
final class MarketoLimits {

    /** Marketo's daily quota resets at 12:00 AM CST. */
    private static final ZoneOffset CST = ZoneOffset.ofHours(-6);

    private final EmulatorClock clock;
    private final CallStats stats;

    private volatile Duration tokenLifetime;
    private volatile int rateLimit;
    private volatile Duration rateWindow;
    private volatile int maxConcurrent;
    private volatile long dailyQuota;
    private volatile int maxBatch;
    private volatile LimitMode limitMode;

    private final Deque<Instant> admitted = new ArrayDeque<>();
    private LocalDate quotaDay;
    private long quotaUsed;

    MarketoLimits(EmulatorClock clock, CallStats stats) {
        this.clock = clock;
        this.stats = stats;
    }

    void apply(MarketoProperties settings) {
        tokenLifetime = settings.tokenLifetime();
        rateLimit = settings.rateLimit();
        rateWindow = settings.rateWindow();
        maxConcurrent = settings.maxConcurrent();
        dailyQuota = settings.dailyQuota();
        maxBatch = settings.maxBatch();
        limitMode = settings.limitMode();
    }

    /** Forgets the calls in the window and the day's count. */
    void clearCounts() {
        synchronized (admitted) {
            admitted.clear();
            quotaDay = null;
            quotaUsed = 0;
        }
    }

    void limitMode(LimitMode mode) {
        this.limitMode = mode;
    }

    void dailyQuota(long quota) {
        this.dailyQuota = quota;
    }

    Duration tokenLifetime() {
        return tokenLifetime;
    }

    /** More than the allowed calls in flight, and the limit enforced. */
    boolean refusesConcurrency(int inFlight) {
        return inFlight > maxConcurrent && refuses("concurrency", "615");
    }

    /** Counts the call in the 20 s window and the day's quota unless a limit refuses it. */
    Map<String, Object> admit() {
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
    String rateLimitMessage() {
        return "Max rate limit '" + rateLimit + "' exceeded with in '" + rateWindow.toSeconds() + "' secs";
    }

    /** In ENFORCE mode the call is refused with the documented code; in OBSERVE mode it is served and counted. */
    boolean refuses(String limit, String code) {
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
