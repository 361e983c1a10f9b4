package dev.tributary.ingestion.source;

import dev.tributary.xdm.json.XdmJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** A source's connector settings: its non-secret config, sealed secrets, schedule and pause (columns of {@code source}). */
@Repository
class ConnectorSettings {

    record Settings(ObjectNode config, byte[] secrets, List<String> secretsSet, Schedule schedule, boolean paused) {
    }

    private final JdbcClient jdbc;

    ConnectorSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void write(UUID id, ObjectNode config, byte[] secrets, Collection<String> secretsSet, Schedule schedule) {
        jdbc.sql("UPDATE ingestion.source SET config = CAST(:config AS jsonb), secrets = :secrets, secrets_set = :secretsSet,"
                        + " schedule = CAST(:schedule AS jsonb) WHERE id = :id")
                .param("config", config.toString()).param("secrets", secrets)
                .param("secretsSet", secretsSet.toArray(String[]::new))
                .param("schedule", schedule == null ? null : XdmJson.mapper().writeValueAsString(schedule))
                .param("id", id).update();
    }

    boolean setPaused(UUID id, boolean paused) {
        return jdbc.sql("UPDATE ingestion.source SET paused = :paused WHERE id = :id").param("paused", paused).param("id", id)
                .update() == 1;
    }

    Optional<Settings> find(UUID id) {
        return jdbc.sql("SELECT id, config::text AS config, secrets, secrets_set, schedule::text AS schedule, paused FROM ingestion.source WHERE id = :id")
                .param("id", id).query((rs, n) -> settings(rs)).optional();
    }

    Map<UUID, Settings> all() {
        return jdbc.sql("SELECT id, config::text AS config, secrets, secrets_set, schedule::text AS schedule, paused FROM ingestion.source")
                .query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), settings(rs))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }

    private static Settings settings(java.sql.ResultSet rs) throws java.sql.SQLException {
        String schedule = rs.getString("schedule");
        return new Settings((ObjectNode) XdmJson.mapper().readTree(rs.getString("config")), rs.getBytes("secrets"),
                List.of((String[]) rs.getArray("secrets_set").getArray()),
                schedule == null ? null : XdmJson.mapper().readValue(schedule, Schedule.class), rs.getBoolean("paused"));
    }
}
