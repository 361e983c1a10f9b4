package dev.tributary.profile;

import dev.tributary.support.flyway.RewordedMigrationProbe;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;

@ProfileIntegrationTest
class RewordedMigrationsIT {

    @Autowired
    Flyway flyway;
    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldMigrateADatabaseThatAppliedV4BeforeItsCommentWasReworded() {
        new RewordedMigrationProbe(flyway, jdbc).assertOldWordingAccepted(Map.of("4", 255717949));
    }

    @Test
    void shouldStillRefuseAnyOtherChangeToAnAppliedMigration() {
        new RewordedMigrationProbe(flyway, jdbc).assertOtherEditsRefused("4");
    }
}
