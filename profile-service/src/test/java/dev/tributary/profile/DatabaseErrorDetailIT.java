package dev.tributary.profile;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A failing statement's exception, logged at ERROR by the listener container, names no row value (ADR 0024). */
@ProfileIntegrationTest
class DatabaseErrorDetailIT {

    @Autowired
    DataSource dataSource;

    @Test
    void shouldLeaveTheRowValuesOutOfDatabaseErrorMessages() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE identity_probe (value text PRIMARY KEY)");
            statement.execute("INSERT INTO identity_probe VALUES ('jane.doe@acme.com')");

            SQLException duplicate = catchThrowableOfType(SQLException.class,
                    () -> statement.execute("INSERT INTO identity_probe VALUES ('jane.doe@acme.com')"));

            assertThat((Throwable) duplicate).as("the duplicate is refused").isNotNull();
            assertThat(duplicate.getMessage()).contains("identity_probe_pkey").doesNotContain("jane.doe@acme.com");
            statement.execute("DROP TABLE identity_probe");
        }
    }
}
