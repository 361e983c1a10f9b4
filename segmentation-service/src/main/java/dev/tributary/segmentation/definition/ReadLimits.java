package dev.tributary.segmentation.definition;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.SQLException;

/** The statement timeout of API reads ({@link ReadTimeoutProperties}), and the problem a read that hit it answers. */
@Component
public class ReadLimits {

    /** PostgreSQL's {@code query_canceled}: what {@code statement_timeout} raises. */
    private static final String QUERY_CANCELED = "57014";

    private final JdbcClient jdbc;
    private final ReadTimeoutProperties properties;

    ReadLimits(JdbcClient jdbc, ReadTimeoutProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Sets {@code statement_timeout} for the rest of the caller's (read-only) transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void start() {
        jdbc.sql("SELECT set_config('statement_timeout', :ms, true)")
                .param("ms", Long.toString(properties.statementTimeout().toMillis()))
                .query(String.class).single();
    }

    /** {@code e} as the API's answer: a {@link ReadTimedOutException} if the timeout cancelled it, else itself. */
    public RuntimeException translate(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                return new ReadTimedOutException(properties.statementTimeout());
            }
        }
        return e;
    }
}
