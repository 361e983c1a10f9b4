package dev.tributary.segmentation;

import dev.tributary.support.flyway.RewordedMigrationProbe;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;

@SegmentationIntegrationTest
class RewordedMigrationsIT {

    @Autowired
    Flyway flyway;
    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldMigrateADatabaseThatAppliedV3AndV4BeforeTheirCommentsWereReworded() {
        new RewordedMigrationProbe(flyway, jdbc).assertOldWordingAccepted(Map.of("3", 10100548, "4", 1792997660));
    }

    @Test
    void shouldStillRefuseAnyOtherChangeToAnAppliedMigration() {
        new RewordedMigrationProbe(flyway, jdbc).assertOtherEditsRefused("4");
    }
}
