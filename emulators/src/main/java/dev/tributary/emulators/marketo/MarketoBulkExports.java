package dev.tributary.emulators.marketo;

import dev.tributary.emulators.EmulatorClock;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bulk extract jobs for leads and activities, as Marketo runs them: Created, then Queued by enqueue (at most 10
 * queued or processing, else 1029), then each status poll moves a job one step, Processing (at most 2 at once) then
 * Completed, when its CSV file is written from the data of that moment. The file answers 404 before then.
 */
public final class MarketoBulkExports {

    static final int MAX_QUEUED = 10;
    static final int MAX_PROCESSING = 2;
    static final Duration MAX_SPAN = Duration.ofDays(31);
    static final List<String> ACTIVITY_COLUMNS = List.of("marketoGUID", "leadId", "activityDate", "activityTypeId",
            "campaignId", "primaryAttributeValueId", "primaryAttributeValue", "attributes");

    /** One export job; {@code kind} is {@code leads} or {@code activities}. */
    public static final class Job {
        final String exportId = UUID.randomUUID().toString();
        final String kind;
        final List<String> fields;
        final String filterType;
        final Instant startAt;
        final Instant endAt;
        final Set<Integer> activityTypeIds;
        final String createdAt;
        String status = "Created";
        String queuedAt;
        String startedAt;
        String finishedAt;
        int numberOfRecords;
        byte[] file;

        Job(String kind, List<String> fields, String filterType, Instant startAt, Instant endAt,
            Set<Integer> activityTypeIds, String createdAt) {
            this.kind = kind;
            this.fields = fields;
            this.filterType = filterType;
            this.startAt = startAt;
            this.endAt = endAt;
            this.activityTypeIds = activityTypeIds;
            this.createdAt = createdAt;
        }

        public String exportId() {
            return exportId;
        }

        public String kind() {
            return kind;
        }

        public String filterType() {
            return filterType;
        }

        public Instant startAt() {
            return startAt;
        }

        public Instant endAt() {
            return endAt;
        }

        public String status() {
            return status;
        }
    }

    private final MarketoInstance instance;
    private final EmulatorClock clock;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final AtomicInteger failNext = new AtomicInteger();

    MarketoBulkExports(MarketoInstance instance, EmulatorClock clock) {
        this.instance = instance;
        this.clock = clock;
    }

    synchronized void clear() {
        jobs.clear();
        failNext.set(0);
    }

    /** The next {@code count} jobs to start processing end Failed. */
    public void failNextJobs(int count) {
        failNext.addAndGet(count);
    }

    public synchronized List<Job> jobs() {
        return List.copyOf(jobs.values());
    }

    /** Validates and creates a job; answers the envelope. */
    synchronized Map<String, Object> create(String kind, List<String> fields, String filterType, Instant startAt,
                                            Instant endAt, Set<Integer> activityTypeIds) {
        if (startAt == null || endAt == null || endAt.isBefore(startAt)) {
            return MarketoEnvelope.error("1003", "Invalid date range: startAt and endAt are required, startAt before endAt");
        }
        if (Duration.between(startAt, endAt).compareTo(MAX_SPAN) > 0) {
            return MarketoEnvelope.error("1003", "Date range filter must be 31 days or fewer");
        }
        Job job = new Job(kind, fields, filterType, startAt, endAt, activityTypeIds, now());
        jobs.put(job.exportId, job);
        return MarketoEnvelope.ok(List.of(status(job)));
    }

    synchronized Map<String, Object> enqueue(String kind, String exportId) {
        Job job = find(kind, exportId);
        if (job == null) {
            return notFound(exportId);
        }
        if (!"Created".equals(job.status)) {
            return MarketoEnvelope.error("1029", "Export job " + exportId + " is already " + job.status);
        }
        long waiting = jobs.values().stream().filter(j -> Set.of("Queued", "Processing").contains(j.status)).count();
        if (waiting >= MAX_QUEUED) {
            return MarketoEnvelope.error("1029", "Too many jobs (" + MAX_QUEUED + ") in queue");
        }
        job.status = "Queued";
        job.queuedAt = now();
        return MarketoEnvelope.ok(List.of(status(job)));
    }

    /** Answers the job's status, moving it one step first (Queued to Processing, Processing to Completed or Failed). */
    synchronized Map<String, Object> poll(String kind, String exportId) {
        Job job = find(kind, exportId);
        if (job == null) {
            return notFound(exportId);
        }
        if ("Processing".equals(job.status)) {
            finish(job);
        } else if ("Queued".equals(job.status)
                && jobs.values().stream().filter(j -> "Processing".equals(j.status)).count() < MAX_PROCESSING) {
            job.status = "Processing";
            job.startedAt = now();
        }
        return MarketoEnvelope.ok(List.of(status(job)));
    }

    synchronized Map<String, Object> cancel(String kind, String exportId) {
        Job job = find(kind, exportId);
        if (job == null) {
            return notFound(exportId);
        }
        if (!Set.of("Completed", "Failed").contains(job.status)) {
            job.status = "Cancelled";
        }
        return MarketoEnvelope.ok(List.of(status(job)));
    }

    /** The file of a completed job, or null (404) before then. */
    synchronized byte[] file(String kind, String exportId) {
        Job job = find(kind, exportId);
        return job == null || !"Completed".equals(job.status) ? null : job.file;
    }

    synchronized boolean exists(String kind, String exportId) {
        return find(kind, exportId) != null;
    }

    private void finish(Job job) {
        job.finishedAt = now();
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            job.status = "Failed";
            return;
        }
        List<List<Object>> rows = new ArrayList<>();
        List<String> header = "leads".equals(job.kind) ? job.fields : ACTIVITY_COLUMNS;
        if ("leads".equals(job.kind)) {
            for (Map<String, Object> lead : instance.leads()) {
                Object stamp = lead.get(job.filterType);
                Instant at = stamp == null ? null : Instant.parse(stamp.toString());
                if (at != null && !at.isBefore(job.startAt) && !at.isAfter(job.endAt)) {
                    rows.add(job.fields.stream().map(lead::get).toList());
                }
            }
        } else {
            for (Map<String, Object> activity : instance.catalog().activities(job.startAt, job.endAt, job.activityTypeIds)) {
                rows.add(ACTIVITY_COLUMNS.stream().map(column -> "attributes".equals(column)
                        ? Csv.json((Map<?, ?>) activity.get(column)) : activity.get(column)).toList());
            }
        }
        job.file = Csv.write(header, rows).getBytes(StandardCharsets.UTF_8);
        job.numberOfRecords = rows.size();
        job.status = "Completed";
    }

    private Job find(String kind, String exportId) {
        Job job = jobs.get(exportId);
        return job != null && job.kind.equals(kind) ? job : null;
    }

    private static Map<String, Object> notFound(String exportId) {
        return MarketoEnvelope.error("1003", "Export job '" + exportId + "' not found");
    }

    private static Map<String, Object> status(Job job) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("exportId", job.exportId);
        json.put("format", "CSV");
        json.put("status", job.status);
        json.put("createdAt", job.createdAt);
        if (job.queuedAt != null) {
            json.put("queuedAt", job.queuedAt);
        }
        if (job.startedAt != null) {
            json.put("startedAt", job.startedAt);
        }
        if (job.finishedAt != null) {
            json.put("finishedAt", job.finishedAt);
        }
        if ("Completed".equals(job.status)) {
            json.put("numberOfRecords", job.numberOfRecords);
            json.put("fileSize", job.file.length);
        }
        return json;
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
