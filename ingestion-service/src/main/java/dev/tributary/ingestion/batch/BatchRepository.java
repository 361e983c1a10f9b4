package dev.tributary.ingestion.batch;

import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.validation.ValidationError;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Batches and their rejected lines, in SQL: rejected lines are bulk-inserted, never loaded as entities. */
@Repository
class BatchRepository {

    private static final TypeReference<List<ValidationError>> ERRORS = new TypeReference<>() {
    };

    record BatchRow(UUID id, UUID sourceId, BatchStatus status, Instant receivedAt, int accepted, int rejected) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper mapper = XdmJson.mapper();

    BatchRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    @Transactional
    void insert(BatchRow batch, String failure, List<RejectedLine> rejectedLines) {
        jdbc.sql("""
                        INSERT INTO ingestion.batch (id, source_id, status, received_at, accepted, rejected, failure)
                        VALUES (:id, :sourceId, :status, :receivedAt, :accepted, :rejected, :failure)""")
                .param("id", batch.id())
                .param("sourceId", batch.sourceId())
                .param("status", batch.status().name())
                .param("receivedAt", Timestamp.from(batch.receivedAt()))
                .param("accepted", batch.accepted())
                .param("rejected", batch.rejected())
                .param("failure", failure)
                .update();
        jdbcTemplate.batchUpdate("""
                        INSERT INTO ingestion.rejected_line (batch_id, line_no, content, errors)
                        VALUES (?, ?, ?, CAST(? AS jsonb))""",
                rejectedLines, 1000, (ps, line) -> {
                    ps.setObject(1, batch.id());
                    ps.setInt(2, line.line());
                    ps.setString(3, storable(line.content()));
                    ps.setString(4, mapper.writeValueAsString(line.errors().stream()
                            .map(e -> new ValidationError(storable(e.path()), storable(e.message()))).toList()));
                });
    }

    /**
     * Clears the content of the rejected lines of up to {@code limit} batches received before {@code cutoff}, keeping
     * their numbers and errors, and marks those batches purged.
     *
     * @return how many batches were purged; fewer than {@code limit} means none is left
     */
    @Transactional
    int purgeRejectedContent(Instant cutoff, int limit) {
        List<UUID> ids = jdbc.sql("""
                        SELECT id FROM ingestion.batch
                        WHERE rejected > 0 AND NOT content_purged AND received_at < :cutoff
                        ORDER BY received_at LIMIT :limit""")
                .param("cutoff", Timestamp.from(cutoff))
                .param("limit", limit)
                .query(UUID.class)
                .list();
        if (ids.isEmpty()) {
            return 0;
        }
        UUID[] batchIds = ids.toArray(UUID[]::new);
        jdbc.sql("UPDATE ingestion.rejected_line SET content = NULL WHERE batch_id = ANY(:ids) AND content IS NOT NULL")
                .param("ids", batchIds)
                .update();
        jdbc.sql("UPDATE ingestion.batch SET content_purged = true WHERE id = ANY(:ids)")
                .param("ids", batchIds)
                .update();
        return ids.size();
    }

    /**
     * PostgreSQL refuses the NUL character in {@code text} and {@code jsonb}, and a rejected line may hold one (a raw
     * byte, or an object key an error path names): it is stored as the six characters of its JSON escape (ADR 0023).
     */
    static String storable(String text) {
        return text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "\\u0000");
    }

    @Transactional(readOnly = true)
    Optional<BatchRow> find(UUID id) {
        return jdbc.sql("""
                        SELECT id, source_id, status, received_at, accepted, rejected
                        FROM ingestion.batch WHERE id = :id""")
                .param("id", id)
                .query((rs, n) -> new BatchRow(rs.getObject("id", UUID.class), rs.getObject("source_id", UUID.class),
                        BatchStatus.valueOf(rs.getString("status")), rs.getTimestamp("received_at").toInstant(),
                        rs.getInt("accepted"), rs.getInt("rejected")))
                .optional();
    }

    @Transactional(readOnly = true)
    List<RejectedLine> rejectedLines(UUID batchId) {
        return jdbc.sql("""
                        SELECT line_no, content, errors::text AS errors
                        FROM ingestion.rejected_line WHERE batch_id = :batchId ORDER BY line_no""")
                .param("batchId", batchId)
                .query((rs, n) -> new RejectedLine(rs.getInt("line_no"), rs.getString("content"),
                        mapper.readValue(rs.getString("errors"), ERRORS)))
                .list();
    }
}
