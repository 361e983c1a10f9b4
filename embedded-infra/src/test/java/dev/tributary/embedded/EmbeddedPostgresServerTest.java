package dev.tributary.embedded;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

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
}
