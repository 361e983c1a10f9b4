package dev.tributary.emulators.dynamics;

import dev.tributary.emulators.CallStats;
import dev.tributary.emulators.Fault;
import dev.tributary.emulators.ScenarioFiles;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** In-process access to one emulated Dataverse environment: its URLs, rows, call log and fault switches. */
public final class DynamicsHandle {

    private final DynamicsOrg org;
    private final String baseUrl;

    public DynamicsHandle(DynamicsOrg org, String serverUrl) {
        this.org = org;
        this.baseUrl = serverUrl + "/dynamics/" + org.instanceId();
    }

    /** Stands for {@code https://{org}.crm.dynamics.com}; the Web API is under {@code /api/data/v9.2/}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Stands for {@code https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token}. */
    public String tokenUrl() {
        return baseUrl + "/oauth2/v2.0/token";
    }

    public String clientId() {
        return org.clientId();
    }

    public String clientSecret() {
        return org.clientSecret();
    }

    /** Seeds every row of a scenario file's {@code entitySets} object (entity set name to rows), in file order. */
    public void loadScenario(String resource) {
        ScenarioFiles.read(resource, "entitySets").forEach((set, rows) -> rows.forEach(row -> org.seed(set, row)));
    }

    public String seed(String entitySet, Map<String, Object> fields) {
        return org.seed(entitySet, fields);
    }

    public void update(String entitySet, String id, Map<String, Object> changes) {
        org.update(entitySet, id, changes);
    }

    public void delete(String entitySet, String id) {
        org.delete(entitySet, id);
    }

    public List<Map<String, Object>> rows(String entitySet) {
        return org.rows(entitySet);
    }

    public List<DynamicsOrg.LoggedCall> calls() {
        return org.calls();
    }

    public CallStats.Snapshot stats() {
        return org.stats().snapshot();
    }

    /** Tokens issued so far are expired: the Web API answers 401. */
    public void expireTokens() {
        org.expireTokens();
    }

    public void failNextWithStatus(int calls, int status) {
        org.faults().add(Fault.httpStatus(status), calls);
    }

    /** The next {@code calls} Web API calls answer 429 with {@code Retry-After} and code 0x80072322. */
    public void throttleNext(int calls, Duration retryAfter) {
        org.injectedRetryAfter(retryAfter);
        org.faults().add(Fault.errorCode("THROTTLE"), calls);
    }

    /** Admits {@code requests} Web API calls in any sliding {@code window} (6,000 in 300 s by default) until the next reset. */
    public void serviceProtection(int requests, Duration window) {
        org.serviceProtection(requests, window);
    }

    public void malformNext(int calls) {
        org.faults().add(Fault.errorCode("MALFORMED_PAGE"), calls);
    }

    public void delayNext(int calls, Duration delay) {
        org.faults().add(Fault.delay(delay), calls);
    }
}
