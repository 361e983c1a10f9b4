package dev.tributary.ingestion.sync;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;
import java.util.UUID;

/** Where each stream of a source resumes ({@code source_cursor}); written only after its page is on Kafka. */
@Repository
class CursorRepository {

    private final JdbcClient jdbc;

    CursorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> find(UUID sourceId, String stream) {
        return jdbc.sql("SELECT cursor FROM ingestion.source_cursor WHERE source_id = :source AND stream = :stream")
                .param("source", sourceId).param("stream", stream).query(String.class).optional();
    }

    void store(UUID sourceId, String stream, String cursor) {
        jdbc.sql("""
                        INSERT INTO ingestion.source_cursor (source_id, stream, cursor, updated_at)
                        VALUES (:source, :stream, :cursor, clock_timestamp())
                        ON CONFLICT (source_id, stream) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at""")
                .param("source", sourceId).param("stream", stream).param("cursor", cursor).update();
    }
}
