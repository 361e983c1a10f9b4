package dev.tributary.emulators.marketo;

import dev.tributary.emulators.CallStats;
import dev.tributary.emulators.Fault;
import dev.tributary.emulators.LimitMode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** In-process access to one emulated Marketo instance: its URLs, what it holds, and its fault switches. */
public final class MarketoHandle {

    private final MarketoInstance instance;
    private final String baseUrl;

    public MarketoHandle(MarketoInstance instance, String serverUrl) {
        this.instance = instance;
        this.baseUrl = serverUrl + "/marketo/" + instance.munchkinId();
    }

    public String munchkinId() {
        return instance.munchkinId();
    }

    public String clientId() {
        return instance.clientId();
    }

    public String clientSecret() {
        return instance.clientSecret();
    }

    /** Stands for {@code https://{munchkinId}.mktorest.com}. */
    public String baseUrl() {
        return baseUrl;
    }

    public String identityUrl() {
        return baseUrl + "/identity";
    }

    public String restUrl() {
        return baseUrl + "/rest";
    }

    public List<Map<String, Object>> leads() {
        return instance.leads();
    }

    public List<Map<String, Object>> lists() {
        return instance.lists();
    }

    public List<String> memberEmails(String listName) {
        return instance.memberEmails(listName);
    }

    public long seedLead(Map<String, Object> fields) {
        return instance.seedLead(fields);
    }

    /** Seeds a lead under a given id, as an instance that already holds it; later leads get higher ids. */
    public long seedLead(long id, Map<String, Object> fields) {
        return instance.seedLead(id, fields);
    }

    public CallStats.Snapshot stats() {
        return instance.stats().snapshot();
    }

    public int inFlight() {
        return instance.inFlight();
    }

    public void expireTokens() {
        instance.expireTokens();
    }

    /** The next {@code calls} calls answer this response-level code (e.g. "606", "615") inside an HTTP 200. */
    public void failNext(int calls, String code) {
        instance.faults().add(Fault.errorCode(code), calls);
    }

    /** The next {@code calls} calls answer this HTTP status (e.g. 502, 503). */
    public void failNextWithStatus(int calls, int status) {
        instance.faults().add(Fault.httpStatus(status), calls);
    }

    /** The next {@code calls} calls are answered normally after {@code delay}. */
    public void delayNext(int calls, Duration delay) {
        instance.faults().add(Fault.delay(delay), calls);
    }

    public void limitMode(LimitMode mode) {
        instance.limitMode(mode);
    }

    public void dailyQuota(long quota) {
        instance.dailyQuota(quota);
    }
}
