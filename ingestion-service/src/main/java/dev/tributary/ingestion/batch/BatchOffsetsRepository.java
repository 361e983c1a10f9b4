package dev.tributary.ingestion.batch;

import dev.tributary.ingestion.publish.PublishedOffsets;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Where each accepted record of a batch went: one row per partition, its offsets as an array (ADR 0020). */
@Repository
class BatchOffsetsRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    BatchOffsetsRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** One statement for the batch (a row per partition it went to). */
    void insert(UUID batchId, PublishedOffsets published) {
        if (published.offsetsByPartition().isEmpty()) {
            return;
        }
        List<Map.Entry<Integer, long[]>> rows = new ArrayList<>(published.offsetsByPartition().entrySet());
        jdbcTemplate.batchUpdate("""
                        INSERT INTO ingestion.batch_record_offsets (batch_id, topic_partition, offsets) VALUES (?, ?, ?)""",
                rows, rows.size(), (ps, row) -> {
                    ps.setObject(1, batchId);
                    ps.setInt(2, row.getKey());
                    Long[] offsets = new Long[row.getValue().length];
                    for (int i = 0; i < offsets.length; i++) {
                        offsets[i] = row.getValue()[i];
                    }
                    ps.setArray(3, ps.getConnection().createArrayOf("bigint", offsets));
                });
    }

    Map<Integer, long[]> find(UUID batchId) {
        Map<Integer, long[]> offsets = new HashMap<>();
        jdbc.sql("SELECT topic_partition, offsets FROM ingestion.batch_record_offsets WHERE batch_id = :batchId")
                .param("batchId", batchId)
                .query(rs -> {
                    Array array = rs.getArray(2);
                    Long[] values = (Long[]) array.getArray();
                    long[] primitive = new long[values.length];
                    for (int i = 0; i < values.length; i++) {
                        primitive[i] = values[i];
                    }
                    offsets.put(rs.getInt(1), primitive);
                });
        return offsets;
    }
}
