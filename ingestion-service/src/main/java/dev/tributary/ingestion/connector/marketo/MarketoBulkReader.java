package dev.tributary.ingestion.connector.marketo;

import dev.tributary.ingestion.connector.ConnectorException;
import dev.tributary.ingestion.connector.Page;
import dev.tributary.xdm.json.XdmJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Reads a stream through Marketo's bulk extract in date windows of at most 31 days (ADR 0028): create a job for
 * [from, to], enqueue it, poll its status, download its CSV, and hand its rows out in pages. The cursor
 * {@code {"from", "to", "job", "row", "end"}} names the window, the job and the rows already returned, so a re-run
 * after a crash resumes the job or, when it is gone or failed, creates it again from row 0. A finished window's
 * cursor is {@code {"from": <its to>}}: the next window re-reads that boundary second.
 */
final class MarketoBulkReader {

    private static final Logger log = LoggerFactory.getLogger(MarketoBulkReader.class);
    static final Duration MAX_WINDOW = Duration.ofDays(31).minusSeconds(1);

    /** What one bulk stream asks for and how its rows become a page. */
    record Spec(String kind, String filterType, List<String> fields, String activityTypeIds,
                Function<List<Map<String, String>>, Page> mapper) {
    }

    private final MarketoClient client;
    private final MarketoSettings settings;
    private final Clock clock;
    private String cachedJob;
    private List<Map<String, String>> cachedRows;

    MarketoBulkReader(MarketoClient client, MarketoSettings settings, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
    }

    Page read(Spec spec, JsonNode cursor, Instant start) {
        Instant from = cursor == null ? start : Instant.parse(cursor.get("from").asString());
        String job = cursor == null ? null : cursor.path("job").asString(null);
        Instant to = job == null ? null : Instant.parse(cursor.get("to").asString());
        boolean end = cursor != null && cursor.path("end").asBoolean(false);
        int row = cursor == null ? 0 : cursor.path("row").asInt(0);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        boolean createdHere = false;
        if (job == null) {
            // a window of the current second still runs: what changed in it after the last run's read is in it
            if (from.isAfter(now)) {
                return new Page(List.of(), List.of(), cursor(from, null, null, 0, false), true);
            }
            to = from.plus(MAX_WINDOW).isBefore(now) ? from.plus(MAX_WINDOW) : now;
            end = to.equals(now);
            job = create(spec, from, to);
            createdHere = true;
            row = 0;
        }
        try {
            String status = awaitCompletion(spec, job);
            if ("Failed".equals(status) || "Cancelled".equals(status) || "Gone".equals(status)) {
                if (createdHere) {
                    throw ConnectorException.retriable("Marketo bulk " + spec.kind() + " export " + job + " ended "
                            + status + "; the next read creates it again", null);
                }
                log.info("Marketo bulk {} export {} ended {}: creating it again for the same window", spec.kind(), job, status);
                return read(spec, XdmJson.mapper().readTree(cursor(from, null, null, 0, false)), start);
            }
            if (!"Completed".equals(status)) {
                // still queued or processing: keep the job in the cursor and come back
                return new Page(List.of(), List.of(), cursor(from, to, job, row, end), false);
            }
            List<Map<String, String>> rows = rows(spec, job);
            int until = Math.min(rows.size(), row + settings.batchSize());
            Page mapped = spec.mapper().apply(rows.subList(Math.min(row, rows.size()), until));
            if (until < rows.size()) {
                return new Page(mapped.records(), mapped.events(), cursor(from, to, job, until, end), false);
            }
            return new Page(mapped.records(), mapped.events(), cursor(to, null, null, 0, false), end);
        } catch (RuntimeException e) {
            if (createdHere) {
                cancelQuietly(spec, job);
            }
            throw e;
        }
    }

    private String create(ObjectNode body, Spec spec) {
        JsonNode created = client.postBulk("/bulk/v1/" + spec.kind() + "/export/create.json", body.toString());
        String job = created.path("result").path(0).path("exportId").asString(null);
        if (job == null) {
            throw ConnectorException.permanent("Marketo's create export answer has no exportId");
        }
        client.postBulk("/bulk/v1/" + spec.kind() + "/export/" + job + "/enqueue.json", null);
        return job;
    }

    private String create(Spec spec, Instant from, Instant to) {
        ObjectNode body = XdmJson.mapper().createObjectNode();
        body.put("format", "CSV");
        if (spec.fields() != null) {
            spec.fields().forEach(body.putArray("fields")::add);
        }
        ObjectNode filter = body.putObject("filter");
        filter.putObject(spec.filterType()).put("startAt", from.toString()).put("endAt", to.toString());
        if (spec.activityTypeIds() != null) {
            filter.putArray("activityTypeIds").add(Integer.parseInt(spec.activityTypeIds()));
        }
        return create(body, spec);
    }

    /** Polls the job's status up to the configured number of times; "Gone" when Marketo no longer knows it. */
    private String awaitCompletion(Spec spec, String job) {
        if (job.equals(cachedJob)) {
            return "Completed";
        }
        String path = "/bulk/v1/" + spec.kind() + "/export/" + job + "/status.json";
        for (int poll = 0; poll < settings.maxPolls(); poll++) {
            if (poll > 0) {
                LockSupport.parkNanos(settings.pollInterval().toNanos());
            }
            String status;
            try {
                status = client.getBulk(path).path("result").path(0).path("status").asString("");
            } catch (ConnectorException e) {
                if (e.kind() == ConnectorException.Kind.PERMANENT && e.getMessage().contains("not found")) {
                    return "Gone";
                }
                throw e;
            }
            if ("Created".equals(status)) {
                client.postBulk("/bulk/v1/" + spec.kind() + "/export/" + job + "/enqueue.json", null);
            } else if (!"Queued".equals(status) && !"Processing".equals(status)) {
                return status;
            }
        }
        return "Waiting";
    }

    private List<Map<String, String>> rows(Spec spec, String job) {
        if (!job.equals(cachedJob)) {
            String file = client.file("/bulk/v1/" + spec.kind() + "/export/" + job + "/file.json");
            List<String> expected = spec.fields() != null ? spec.fields() : List.of("marketoGUID", "leadId",
                    "activityDate", "activityTypeId", "primaryAttributeValue", "attributes");
            try {
                cachedRows = MarketoCsv.parse(file, expected);
            } catch (IllegalArgumentException e) {
                throw ConnectorException.permanent("malformed Marketo bulk " + spec.kind() + " file of export " + job
                        + ": " + e.getMessage());
            }
            cachedJob = job;
        }
        return cachedRows;
    }

    private void cancelQuietly(Spec spec, String job) {
        try {
            client.postBulk("/bulk/v1/" + spec.kind() + "/export/" + job + "/cancel.json", null);
        } catch (ConnectorException e) {
            log.warn("Marketo bulk {} export {} could not be cancelled: {}", spec.kind(), job, e.getMessage());
        }
    }

    static String cursor(Instant from, Instant to, String job, int row, boolean end) {
        ObjectNode cursor = XdmJson.mapper().createObjectNode();
        cursor.put("from", from.toString());
        if (job != null) {
            cursor.put("to", to.toString());
            cursor.put("job", job);
            cursor.put("row", row);
            cursor.put("end", end);
        }
        return cursor.toString();
    }
}
