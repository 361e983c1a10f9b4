package dev.tributary.emulators.marketo;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MarketoBulkExtractIT extends MarketoTestSupport {

    private static final String FILTER = "{\"updatedAt\":{\"startAt\":\"%s\",\"endAt\":\"%s\"}}";

    @Test
    void shouldRunALeadExportFromCreatedToCompletedAndServeItsCsvOnlyThen() {
        String token = token();
        marketo().seedLead(101L, Map.of("email", "p1@townsend.com", "leadScore", 40, "company", "Townsend, Inc.",
                "updatedAt", "2026-10-01T09:00:00Z"));
        marketo().seedLead(102L, Map.of("email", "p2@townsend.com", "updatedAt", "2026-11-15T09:00:00Z"));

        Reply created = bulk("POST", "leads/export/create.json", token, """
                {"fields":["id","email","leadScore","company"],"format":"CSV","filter":%s}"""
                .formatted(FILTER.formatted("2026-09-15T00:00:00Z", "2026-10-15T00:00:00Z")));
        String job = created.json().at("/result/0/exportId").asString();
        Reply early = bulk("GET", "leads/export/" + job + "/file.json", token, null);
        Reply enqueued = bulk("POST", "leads/export/" + job + "/enqueue.json", token, null);
        Reply processing = bulk("GET", "leads/export/" + job + "/status.json", token, null);
        Reply notYet = bulk("GET", "leads/export/" + job + "/file.json", token, null);
        Reply completed = bulk("GET", "leads/export/" + job + "/status.json", token, null);
        Reply file = bulk("GET", "leads/export/" + job + "/file.json", token, null);

        assertThat(created.json().at("/result/0/status").asString()).isEqualTo("Created");
        assertThat(early.status()).isEqualTo(404);
        assertThat(enqueued.json().at("/result/0/status").asString()).isEqualTo("Queued");
        assertThat(processing.json().at("/result/0/status").asString()).isEqualTo("Processing");
        assertThat(notYet.status()).isEqualTo(404);
        assertThat(completed.json().at("/result/0/status").asString()).isEqualTo("Completed");
        assertThat(completed.json().at("/result/0/numberOfRecords").asInt()).isEqualTo(1);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body()).isEqualTo("id,email,leadScore,company\n101,p1@townsend.com,40,\"Townsend, Inc.\"\n");
    }

    @Test
    void shouldServeAByteRangeOfACompletedFile() {
        String token = token();
        marketo().seedLead(Map.of("email", "a@acme.com"));
        String job = completedLeadExport(token);

        Reply part = send(request(marketo().baseUrl() + "/bulk/v1/leads/export/" + job + "/file.json")
                .header("Authorization", "Bearer " + token).header("Range", "bytes=0-1").GET().build());

        assertThat(part.status()).isEqualTo(206);
        assertThat(part.body()).isEqualTo("id");
        assertThat(part.header("Content-Range")).startsWith("bytes 0-1/");
    }

    @Test
    void shouldRefuseALeadExportWithoutFieldsOrOverThirtyOneDays() {
        String token = token();

        Reply noFields = bulk("POST", "leads/export/create.json", token,
                "{\"filter\":" + FILTER.formatted("2026-09-01T00:00:00Z", "2026-09-02T00:00:00Z") + "}");
        Reply tooLong = bulk("POST", "leads/export/create.json", token,
                "{\"fields\":[\"id\"],\"filter\":" + FILTER.formatted("2026-09-01T00:00:00Z", "2026-10-02T00:00:01Z") + "}");
        Reply twoFilters = bulk("POST", "leads/export/create.json", token, """
                {"fields":["id"],"filter":{"createdAt":{"startAt":"2026-09-01T00:00:00Z","endAt":"2026-09-02T00:00:00Z"},
                "updatedAt":{"startAt":"2026-09-01T00:00:00Z","endAt":"2026-09-02T00:00:00Z"}}}""");

        assertThat(errorCode(noFields)).isEqualTo("1003");
        assertThat(errorCode(tooLong)).isEqualTo("1003");
        assertThat(errorCode(twoFilters)).isEqualTo("1003");
    }

    @Test
    void shouldRefuseAnEleventhQueuedJobWith1029() {
        String token = token();
        for (int i = 0; i < 10; i++) {
            String job = createLeadExport(token);
            assertThat(bulk("POST", "leads/export/" + job + "/enqueue.json", token, null).json().get("success").asBoolean())
                    .isTrue();
        }
        String eleventh = createLeadExport(token);

        Reply refused = bulk("POST", "leads/export/" + eleventh + "/enqueue.json", token, null);

        assertThat(errorCode(refused)).isEqualTo("1029");
        assertThat(refused.json().at("/errors/0/message").asString()).contains("Too many jobs");
    }

    @Test
    void shouldExportVisitWebpageActivitiesWithTheirAttributesAsQuotedJson() {
        String token = token();
        long lead = marketo().seedLead(Map.of("email", "p2@townsend.com"));
        Instant visited = Instant.now().minus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String guid = marketo().seedWebVisit(lead, "https://bodea.com/products/new", visited);
        marketo().deleteLead(marketo().seedLead(Map.of("email", "gone@acme.com")));

        Reply created = bulk("POST", "activities/export/create.json", token, """
                {"format":"CSV","filter":{"createdAt":{"startAt":"%s","endAt":"%s"},"activityTypeIds":[1]}}"""
                .formatted(visited.minus(1, ChronoUnit.DAYS), Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        String job = created.json().at("/result/0/exportId").asString();
        bulk("POST", "activities/export/" + job + "/enqueue.json", token, null);
        bulk("GET", "activities/export/" + job + "/status.json", token, null);
        bulk("GET", "activities/export/" + job + "/status.json", token, null);
        Reply file = bulk("GET", "activities/export/" + job + "/file.json", token, null);

        assertThat(file.body().lines()).containsExactly(
                "marketoGUID,leadId,activityDate,activityTypeId,campaignId,primaryAttributeValueId,primaryAttributeValue,attributes",
                guid + "," + lead + "," + visited + ",1,,,bodea.com/products/new,\"{\"\"Webpage URL\"\":\"\"https://bodea.com/products/new\"\"}\"");
    }

    @Test
    void shouldEndAJobFailedWhenTheSwitchSaysSoAndLetACancelledOneGo() {
        String token = token();
        marketo().failNextExportJobs(1);
        String failing = createLeadExport(token);
        bulk("POST", "leads/export/" + failing + "/enqueue.json", token, null);
        bulk("GET", "leads/export/" + failing + "/status.json", token, null);
        String cancelled = createLeadExport(token);
        bulk("POST", "leads/export/" + cancelled + "/enqueue.json", token, null);

        Reply failed = bulk("GET", "leads/export/" + failing + "/status.json", token, null);
        Reply cancel = bulk("POST", "leads/export/" + cancelled + "/cancel.json", token, null);

        assertThat(failed.json().at("/result/0/status").asString()).isEqualTo("Failed");
        assertThat(cancel.json().at("/result/0/status").asString()).isEqualTo("Cancelled");
        assertThat(bulk("GET", "leads/export/" + failing + "/file.json", token, null).status()).isEqualTo(404);
    }

    private String createLeadExport(String token) {
        return bulk("POST", "leads/export/create.json", token, "{\"fields\":[\"id\",\"email\"],\"filter\":"
                + FILTER.formatted("2026-01-01T00:00:00Z", "2026-01-31T00:00:00Z") + "}").json().at("/result/0/exportId").asString();
    }

    private String completedLeadExport(String token) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String job = bulk("POST", "leads/export/create.json", token, "{\"fields\":[\"id\",\"email\"],\"filter\":"
                + FILTER.formatted(now.minus(1, ChronoUnit.DAYS), now.plusSeconds(5)) + "}").json().at("/result/0/exportId").asString();
        bulk("POST", "leads/export/" + job + "/enqueue.json", token, null);
        bulk("GET", "leads/export/" + job + "/status.json", token, null);
        bulk("GET", "leads/export/" + job + "/status.json", token, null);
        return job;
    }

    private Reply bulk(String method, String path, String token, String json) {
        HttpRequest.Builder request = request(marketo().baseUrl() + "/bulk/v1/" + path)
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build());
    }
}
