package dev.tributary.segmentation.evaluation;

import dev.tributary.segmentation.SegmentationIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** A full evaluation gets its own work_mem, and the pooled connection does not keep it afterwards. */
@SegmentationIntegrationTest
class EvaluationWorkMemIT {

    @Autowired
    MembershipDiff diff;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ScheduleProperties schedule;

    @Test
    void shouldRaiseWorkMemForTheEvaluationTransactionOnly() {
        String serverDefault = tx.execute(s -> workMem());
        assertThat(schedule.workMem()).isEqualTo("256MB").isNotEqualTo(serverDefault);

        String during = tx.execute(s -> {
            diff.workMem(schedule.workMem());
            return workMem();
        });

        assertThat(during).isEqualTo("256MB");
        String after = tx.execute(s -> workMem());
        assertThat(after).isEqualTo(serverDefault);
    }

    private String workMem() {
        return jdbc.sql("SELECT current_setting('work_mem')").query(String.class).single();
    }
}
