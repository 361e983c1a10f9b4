package dev.tributary.embedded;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresServerTest {

    @Test
    void shouldCreateClustersThatCollateTextByCodePointWithUnicodeCharacterClasses() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startTransient();
             Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT d.datlocprovider::text, d.datlocale, 'B' < 'a', lower('ÉCOLE'), 'é' ~ '^\\w$'
                     FROM pg_database d WHERE d.datname = current_database()""")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("collation provider").isEqualTo("b");
            assertThat(rs.getString(2)).isEqualTo("C.UTF-8");
            assertThat(rs.getBoolean(3)).as("upper case sorts before lower case, by code point").isTrue();
            assertThat(rs.getString(4)).isEqualTo("école");
            assertThat(rs.getBoolean(5)).as("é is a word character").isTrue();
        }
    }

    @Test
    void shouldGiveSharedBuffersAnEighthOfTheMachinesMemoryWithinBounds() throws Exception {
        EmbeddedPostgresServer server = SharedInfrastructure.postgres();
        long total = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "SELECT setting::bigint * 8192 / 1048576 FROM pg_settings WHERE name = 'shared_buffers'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).as("shared_buffers in MB")
                    .isEqualTo(Math.max(512, Math.min(4096, total / 8 / (1024 * 1024))));
        }
    }

    @Test
    void shouldKeepItsDataAndPortAcrossAStopAndARestart() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startTransient()) {
            int port = server.port();
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE survivor (id int); INSERT INTO survivor VALUES (42)");
            }

            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password()))
                    .isInstanceOf(SQLException.class);
            server.restart();

            assertThat(server.port()).isEqualTo(port);
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT id FROM survivor")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }
}
