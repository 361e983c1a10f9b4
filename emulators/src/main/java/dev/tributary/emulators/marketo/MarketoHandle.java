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

    /** Seeds the instance from a scenario file on the classpath, e.g. {@code scenarios/townsend/mkto-1.json}. */
    public void loadScenario(String resource) {
        instance.loadScenario(resource);
    }

    /** Changes a lead as a user would; its updatedAt becomes the emulator's now. */
    public void updateLead(long id, Map<String, Object> fields) {
        instance.updateLead(id, fields);
    }

    /** Deletes a lead: gone, out of its lists, with a Delete Lead activity (type 37). */
    public void deleteLead(long id) {
        instance.deleteLead(id);
    }

    /** Seeds a company under {@code id} (null: the next id); createdAt/updatedAt kept when given. */
    public long seedCompany(Long id, Map<String, Object> fields) {
        return instance.catalog().seedCompany(id, fields);
    }

    /** Seeds or changes an opportunity by externalOpportunityId (updatedAt now unless given); returns its marketoGUID. */
    public String seedOpportunity(Map<String, Object> fields) {
        return instance.opportunities().seedOpportunity(fields);
    }

    /** Seeds or changes an opportunity role by externalOpportunityId and leadId; returns its marketoGUID. */
    public String seedOpportunityRole(Map<String, Object> fields) {
        return instance.opportunities().seedRole(fields);
    }

    /** Seeds a program ({@code name, type, channel, status, ...}). */
    public void seedProgram(long id, Map<String, Object> fields) {
        instance.programs().seedProgram(id, fields);
    }

    /** Adds or changes a lead's membership of a program ({@code statusName, reachedSuccess, membershipDate}). */
    public void seedProgramMember(long programId, long leadId, Map<String, Object> fields) {
        instance.programs().seedMember(programId, leadId, fields);
    }

    public void seedList(long id, String name, List<Long> memberIds) {
        instance.seedList(id, name, memberIds, null);
    }

    /** Logs a Visit Webpage activity (type 1) of a lead at {@code at}; returns its marketoGUID. */
    public String seedWebVisit(long leadId, String url, java.time.Instant at) {
        String page = url.replaceFirst("^https?://", "");
        return instance.catalog().addActivity(leadId, 1, null, page, Map.of("Webpage URL", url), at);
    }

    /** Every REST and bulk call received, in order. */
    public List<MarketoCallLog.Call> calls() {
        return instance.callLog().calls();
    }

    /** The calls whose path contains {@code fragment}. */
    public List<MarketoCallLog.Call> calls(String fragment) {
        return instance.callLog().calls(fragment);
    }

    public List<MarketoBulkExports.Job> exportJobs() {
        return instance.exports().jobs();
    }

    /** The next {@code count} export jobs to start processing end Failed. */
    public void failNextExportJobs(int count) {
        instance.exports().failNextJobs(count);
    }

    /** The next {@code calls} calls answer a cut-off JSON body in an HTTP 200. */
    public void malformNext(int calls) {
        instance.faults().add(Fault.malformedBody(), calls);
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
