package dev.tributary.support.flyway;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checks a service's {@code beforeValidate.sql} against its own migrated schema (ADR 0034): a database that recorded
 * a reworded migration's old checksum migrates and takes the new one; any other checksum still fails validation.
 * The recorded checksums are put back afterwards, since the schema is shared by the module's tests.
 */
public final class RewordedMigrationProbe {

    private final Flyway flyway;
    private final JdbcClient jdbc;
    private final String history;

    public RewordedMigrationProbe(Flyway flyway, JdbcClient jdbc) {
        this.flyway = flyway;
        this.jdbc = jdbc;
        this.history = flyway.getConfiguration().getDefaultSchema() + "." + flyway.getConfiguration().getTable();
    }

    /** {@code oldChecksums}: version -> the checksum a database recorded for the migration's earlier wording. */
    public void assertOldWordingAccepted(Map<String, Integer> oldChecksums) {
        withRecorded(oldChecksums, current -> {
            flyway.migrate();
            assertThat(checksums()).isEqualTo(current);
        });
    }

    public void assertOtherEditsRefused(String version) {
        withRecorded(Map.of(version, 12345), current -> assertThatThrownBy(flyway::validate)
                .isInstanceOf(FlywayValidateException.class).hasMessageContaining("checksum mismatch"));
    }

    /** Runs the check with these checksums recorded, handing it the ones recorded before. */
    private void withRecorded(Map<String, Integer> recorded, Consumer<Map<String, Integer>> check) {
        Map<String, Integer> current = checksums();
        try {
            recorded.forEach(set());
            check.accept(current);
        } finally {
            current.forEach(set());
        }
    }

    private BiConsumer<String, Integer> set() {
        return (version, checksum) -> jdbc.sql("UPDATE " + history + " SET checksum = ? WHERE version = ?")
                .param(checksum).param(version).update();
    }

    private Map<String, Integer> checksums() {
        return jdbc.sql("SELECT version, checksum FROM " + history + " WHERE version IS NOT NULL")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
