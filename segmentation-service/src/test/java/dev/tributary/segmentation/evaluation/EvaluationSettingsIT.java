package dev.tributary.segmentation.evaluation;

import dev.tributary.segmentation.SegmentationIntegrationTest;
import dev.tributary.segmentation.language.Audience;
import dev.tributary.segmentation.language.SegmentLanguage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Evaluations set PostgreSQL options for their own transaction; the pooled connection does not keep them. */
@SegmentationIntegrationTest
class EvaluationSettingsIT {

    @Autowired
    EvaluationTransactions transactions;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BatchEvaluationProperties schedule;

    @Test
    void shouldPlanAFullEvaluationForTheWholePopulationForItsTransactionOnly() {
        String serverDefault = tx.execute(s -> settings());
        assertThat(schedule.workMem()).isEqualTo("64MB");
        assertThat(serverDefault).doesNotStartWith("64MB");

        String aggregate = tx.execute(s -> {
            transactions.planFullEvaluation(schedule, SegmentLanguage.compile(Audience.PERSON, "count(events) >= 3"));
            return settings();
        });
        String attributes = tx.execute(s -> {
            transactions.planFullEvaluation(schedule, SegmentLanguage.compile(Audience.PERSON, "exists(campaigns) and not exists(lists)"));
            return settings();
        });

        // nested loops only where PostgreSQL need not guess how many pass a HAVING
        assertThat(aggregate).isEqualTo("64MB off 0 on");
        assertThat(attributes).isEqualTo("64MB on 0 on");
        String after = tx.execute(s -> settings());
        assertThat(after).isEqualTo(serverDefault);
    }

    @Test
    void shouldPlanAReEvaluationWithItsOwnIdsForItsTransactionOnly() {
        String before = tx.execute(s -> planCacheMode());
        assertThat(before).isEqualTo("auto");

        String during = tx.execute(s -> {
            transactions.lockAmong("settings-test-segment");
            return planCacheMode();
        });

        assertThat(during).isEqualTo("force_custom_plan");
        String after = tx.execute(s -> planCacheMode());
        assertThat(after).isEqualTo("auto");
    }

    private String planCacheMode() {
        return jdbc.sql("SELECT current_setting('plan_cache_mode')").query(String.class).single();
    }

    private String settings() {
        return jdbc.sql("SELECT concat_ws(' ', current_setting('work_mem'), current_setting('enable_nestloop'),"
                + " current_setting('max_parallel_workers_per_gather'), current_setting('enable_hashagg'))").query(String.class).single();
    }
}
