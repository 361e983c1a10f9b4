package dev.tributary.emulators.salesforce;

import dev.tributary.emulators.CallStats;
import dev.tributary.emulators.Fault;
import dev.tributary.emulators.ScenarioFiles;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** In-process access to one emulated Salesforce org: its URL, what it holds, its call log and fault switches. */
public final class SalesforceHandle {

    private final SalesforceOrg org;
    private final String baseUrl;

    public SalesforceHandle(SalesforceOrg org, String serverUrl) {
        this.org = org;
        this.baseUrl = serverUrl + "/salesforce/" + org.instanceId();
    }

    /** Stands for {@code https://{instance}.my.salesforce.com}: the login URL and the token's instance_url. */
    public String baseUrl() {
        return baseUrl;
    }

    public String clientId() {
        return org.clientId();
    }

    public String clientSecret() {
        return org.clientSecret();
    }

    /** Seeds every record of a scenario file's {@code records} object (object name to records), in file order. */
    public void loadScenario(String resource) {
        ScenarioFiles.read(resource, "records").forEach((object, rows) -> rows.forEach(row -> org.seed(object, row)));
    }

    public String seed(String object, Map<String, Object> fields) {
        return org.seed(object, fields);
    }

    public void update(String object, String id, Map<String, Object> changes) {
        org.update(object, id, changes);
    }

    public void delete(String object, String id) {
        org.delete(object, id);
    }

    public List<Map<String, Object>> records(String object) {
        return org.records(object);
    }

    /** Every call since the last reset, in order. */
    public List<SalesforceOrg.LoggedCall> calls() {
        return org.calls();
    }

    /** The SOQL of every query and queryAll since the last reset. */
    public List<String> queries() {
        return org.calls().stream().filter(c -> c.soql() != null && !c.kind().equals("more")).map(SalesforceOrg.LoggedCall::soql).toList();
    }

    public CallStats.Snapshot stats() {
        return org.stats().snapshot();
    }

    /** Sessions issued so far answer 401 INVALID_SESSION_ID. */
    public void expireTokens() {
        org.expireTokens();
    }

    /** Open query locators answer 400 INVALID_QUERY_LOCATOR. */
    public void expireLocators() {
        org.expireLocators();
    }

    /** Sets the daily API usage that Sforce-Limit-Info reports and the limit that refuses calls past it. */
    public void apiUsage(long used, long limit) {
        org.apiUsage(used, limit);
    }

    /** The next {@code calls} API calls answer this HTTP status (e.g. 500, 503). */
    public void failNextWithStatus(int calls, int status) {
        org.faults().add(Fault.httpStatus(status), calls);
    }

    /** The next {@code calls} API calls answer 403 REQUEST_LIMIT_EXCEEDED. */
    public void failNextWithRequestLimit(int calls) {
        org.faults().add(Fault.errorCode("REQUEST_LIMIT_EXCEEDED"), calls);
    }

    /** The next {@code calls} API calls answer 200 with a truncated JSON body. */
    public void malformNext(int calls) {
        org.faults().add(Fault.errorCode("MALFORMED_PAGE"), calls);
    }

    /** The next {@code calls} API calls are answered normally after {@code delay}. */
    public void delayNext(int calls, Duration delay) {
        org.faults().add(Fault.delay(delay), calls);
    }
}
