package dev.tributary.profile;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Operators (and the bench's CPU split) tell the services' connections apart in pg_stat_activity. */
@ProfileIntegrationTest
class ConnectionNamesIT {

    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldNameItsDatabaseConnectionsAfterTheService() {
        assertThat(jdbc.sql("SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()")
                .query(String.class).single()).isEqualTo("profile-service");
    }
}
