package dev.tributary.ingestion.sync;

import dev.tributary.xdm.json.XdmJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** The run history ({@code source_run}). */
@Repository
public class RunRepository {

    static final String STOPPED = "the service stopped during the run";

    /** What a run counted so far. */
    record Counts(long recordsRead, long recordsPublished, long recordsRejected, long eventsPublished, long apiCalls,
                  String rejectedJson) {
    }

    private static final String COLUMNS = "id, source_id, trigger, full_sync, status, started_at, finished_at, records_read,"
            + " records_published, records_rejected, events_published, api_calls, error, rejected::text AS rejected";

    private final JdbcClient jdbc;

    RunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    RunResponse insert(UUID id, UUID sourceId, String trigger, boolean fullSync) {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("INSERT INTO ingestion.source_run (id, source_id, trigger, full_sync, status, started_at)"
                        + " VALUES (:id, :source, :trigger, :fullSync, 'running', :startedAt)")
                .param("id", id).param("source", sourceId).param("trigger", trigger).param("fullSync", fullSync)
                .param("startedAt", Timestamp.from(startedAt)).update();
        return find(sourceId, id).orElseThrow();
    }

    void progress(UUID id, Counts counts) {
        jdbc.sql("UPDATE ingestion.source_run SET records_read = :read, records_published = :published, records_rejected = :rejected,"
                        + " events_published = :events, api_calls = :calls, rejected = CAST(:rejectedJson AS jsonb) WHERE id = :id")
                .param("read", counts.recordsRead()).param("published", counts.recordsPublished())
                .param("rejected", counts.recordsRejected()).param("events", counts.eventsPublished())
                .param("calls", counts.apiCalls()).param("rejectedJson", counts.rejectedJson()).param("id", id).update();
    }

    /** Ends a running run; a run already ended (marked failed as stopped by another instance) stays as it is. */
    void finish(UUID id, Counts counts, String status, String error, Instant notBefore) {
        progress(id, counts);
        jdbc.sql("UPDATE ingestion.source_run SET status = :status, error = :error, finished_at = clock_timestamp(),"
                        + " not_before = :notBefore WHERE id = :id AND status = 'running'")
                .param("status", status).param("error", error)
                .param("notBefore", notBefore == null ? null : Timestamp.from(notBefore)).param("id", id).update();
    }

    /** Runs of a source left running by a process that died: another run now holds the source's lease. */
    int failOthersRunning(UUID sourceId, UUID current) {
        return jdbc.sql("UPDATE ingestion.source_run SET status = 'failed', error = :error, finished_at = clock_timestamp()"
                        + " WHERE source_id = :source AND status = 'running' AND id <> :current")
                .param("error", STOPPED).param("source", sourceId).param("current", current).update();
    }

    /** Runs whose lease expired or was taken: their process stopped. */
    int failAbandoned() {
        return jdbc.sql("""
                        UPDATE ingestion.source_run r SET status = 'failed', error = :error, finished_at = clock_timestamp()
                        WHERE r.status = 'running' AND NOT EXISTS (
                            SELECT 1 FROM ingestion.source_lease l
                            WHERE l.source_id = r.source_id AND l.run_id = r.id AND l.expires_at > clock_timestamp())""")
                .param("error", STOPPED).update();
    }

    public Optional<RunResponse> find(UUID sourceId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ingestion.source_run WHERE id = :id AND source_id = :source")
                .param("id", id).param("source", sourceId).query((rs, n) -> run(rs)).optional();
    }

    public List<RunResponse> list(UUID sourceId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ingestion.source_run WHERE source_id = :source ORDER BY started_at DESC, id LIMIT :limit")
                .param("source", sourceId).param("limit", limit).query((rs, n) -> run(rs)).list();
    }

    /** The newest run of each source. */
    public Map<UUID, RunResponse> latest() {
        return jdbc.sql("SELECT DISTINCT ON (source_id) " + COLUMNS + " FROM ingestion.source_run ORDER BY source_id, started_at DESC")
                .query((rs, n) -> run(rs)).list().stream()
                .collect(Collectors.toMap(RunResponse::sourceId, r -> r));
    }

    public Optional<RunResponse> latest(UUID sourceId) {
        return list(sourceId, 1).stream().findFirst();
    }

    /** When the scheduler may next start a run of each source: the last start, and a not-before if one is set. */
    record LastStart(Instant startedAt, Instant notBefore) {
    }

    Map<UUID, LastStart> lastStarts() {
        return jdbc.sql("SELECT DISTINCT ON (source_id) source_id, started_at, not_before FROM ingestion.source_run"
                        + " ORDER BY source_id, started_at DESC")
                .query((rs, n) -> Map.entry(rs.getObject("source_id", UUID.class), new LastStart(
                        rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("not_before") == null ? null : rs.getTimestamp("not_before").toInstant())))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static RunResponse run(ResultSet rs) throws SQLException {
        Instant started = rs.getTimestamp("started_at").toInstant();
        Timestamp finishedAt = rs.getTimestamp("finished_at");
        Instant finished = finishedAt == null ? null : finishedAt.toInstant();
        return new RunResponse(rs.getObject("id", UUID.class), rs.getObject("source_id", UUID.class),
                rs.getString("trigger"), rs.getBoolean("full_sync"), rs.getString("status"), started, finished,
                rs.getLong("records_read"), rs.getLong("records_published"), rs.getLong("records_rejected"),
                rs.getLong("events_published"), rs.getLong("api_calls"),
                finished == null ? null : finished.toEpochMilli() - started.toEpochMilli(), rs.getString("error"),
                XdmJson.mapper().readTree(rs.getString("rejected")));
    }
}
