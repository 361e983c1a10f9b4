package dev.tributary.emulators.linkedin;

import dev.tributary.emulators.CallStats;
import dev.tributary.emulators.Fault;
import dev.tributary.emulators.LimitMode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** In-process access to the emulated LinkedIn Marketing API: its URL, what it holds, and its fault switches. */
public final class LinkedInHandle {

    private final LinkedInEmulator linkedIn;
    private final String baseUrl;

    public LinkedInHandle(LinkedInEmulator linkedIn, String serverUrl) {
        this.linkedIn = linkedIn;
        this.baseUrl = serverUrl + "/linkedin";
    }

    /** Stands for {@code https://api.linkedin.com}. */
    public String baseUrl() {
        return baseUrl;
    }

    public String restUrl() {
        return baseUrl + "/rest";
    }

    public void addToken(String token) {
        linkedIn.addToken(token);
    }

    /** Every accepted token answers 401 from now on (until {@code addToken} or a reset). */
    public void expireTokens() {
        linkedIn.expireTokens();
    }

    public List<Map<String, Object>> segments() {
        return linkedIn.segments();
    }

    public List<String> hashedEmails(String account, String segmentName) {
        return linkedIn.hashedEmails(account, segmentName);
    }

    public List<Map<String, Object>> companies(String account, String segmentName) {
        return linkedIn.companies(account, segmentName);
    }

    public CallStats.Snapshot stats() {
        return linkedIn.stats().snapshot();
    }

    /** The next {@code calls} calls answer this HTTP status (429, 500, 503, ...). */
    public void failNextWithStatus(int calls, int status) {
        linkedIn.faults().add(Fault.httpStatus(status), calls);
    }

    public void delayNext(int calls, Duration delay) {
        linkedIn.faults().add(Fault.delay(delay), calls);
    }

    public void newSegmentsNotFound(int calls, Duration period) {
        linkedIn.newSegmentsNotFound(calls, period);
    }

    public void callsPerMinute(int users, int companies) {
        linkedIn.callsPerMinute(users, companies);
    }

    public void limitMode(LimitMode mode) {
        linkedIn.limitMode(mode);
    }
}
