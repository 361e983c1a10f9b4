package dev.tributary.profile.deadletter;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    @Test
    void shouldTreatLostConnectionsDeadlocksLockTimeoutsAndShutdownsAsTransient() {
        for (String state : new String[]{"08006", "08003", "40001", "40P01", "55P03", "57P01", "57P02", "57P03", "53300"}) {
            assertThat(Failures.isTransient(new UncategorizedSQLException("apply", "sql", new SQLException("x", state))))
                    .as(state).isTrue();
        }
    }

    @Test
    void shouldTreatWhatTheDataCausesAsPermanent() {
        for (String state : new String[]{"P0001", "22021", "23505", "22P02", "42703"}) {
            assertThat(Failures.isTransient(new UncategorizedSQLException("apply", "sql", new SQLException("x", state))))
                    .as(state).isFalse();
        }
        assertThat(Failures.isTransient(new IllegalArgumentException("unknown XDM class"))).isFalse();
    }

    @Test
    void shouldFindTheServersAnswerBehindABatchUpdateAndAFailedRollback() {
        BatchUpdateException batch = new BatchUpdateException("batch entry 0 failed", "P0001", new int[0]);
        batch.setNextException(new SQLException("ERROR: test trigger refuses 1@crm-7.Salesforce", "P0001"));
        DataIntegrityViolationException refused = new DataIntegrityViolationException("apply", batch);
        assertThat(Failures.isTransient(refused)).isFalse();
        assertThat(Failures.reason(refused)).isEqualTo("SQLSTATE P0001: ERROR: test trigger refuses 1@crm-7.Salesforce");
        assertThat(Failures.kind(refused)).isEqualTo("SQLSTATE P0001");

        TransactionSystemException rollbackFailed = new TransactionSystemException("rollback failed",
                new SQLException("Connection is closed", "08003"));
        rollbackFailed.initApplicationException(new UncategorizedSQLException("apply", "sql",
                new SQLException("terminating connection due to administrator command", "57P01")));
        assertThat(Failures.isTransient(rollbackFailed)).isTrue();
    }

    @Test
    void shouldDescribeAFailureWithoutSqlStateByItsInnermostException() {
        RuntimeException failure = new IllegalStateException("apply", new IllegalArgumentException("unknown XDM class thing"));
        assertThat(Failures.reason(failure)).isEqualTo("java.lang.IllegalArgumentException: unknown XDM class thing");
        assertThat(Failures.kind(failure)).isEqualTo("java.lang.IllegalArgumentException");
    }
}
