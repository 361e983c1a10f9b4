package dev.tributary.profile.deadletter;

import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Tells a failure that may pass by itself (the database or broker unreachable, a deadlock, a lock timeout) from one
 * that retrying the same message cannot cure (ADR 0021). The first is retried; the second isolates the message.
 */
public final class Failures {

    private Failures() {
    }

    /** True if anything in the failure's causes (or the exception a failed rollback hid) says it may pass. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException || t instanceof SocketException
                    || t instanceof org.apache.kafka.common.errors.RetriableException) {
                return true;
            }
            if (t instanceof SQLException sql && isTransientSqlState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes and codes that describe the server or the connection, not the statement's data: connection
     * exceptions (08), serialization failure and deadlock (40001, 40P01), insufficient resources (53), lock not
     * available (55P03, a lock timeout) and the server shutting down or restarting (57P01-57P03).
     */
    static boolean isTransientSqlState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || state.startsWith("53") || state.equals("40001") || state.equals("40P01")
                || state.equals("55P03") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }

    /**
     * What an operator reads in the dead letter: the SQLSTATE and PostgreSQL's message when the database refused,
     * else the innermost exception's class and message. May hold values of the message (an email): not for INFO logs.
     */
    public static String reason(Throwable failure) {
        if (failure instanceof UnreadableMessageException) {
            return "unreadable: " + reason(failure.getCause());
        }
        SQLException sql = sqlException(failure);
        if (sql != null) {
            return "SQLSTATE " + sql.getSQLState() + ": " + sql.getMessage();
        }
        Throwable root = root(failure);
        return root.getClass().getName() + ": " + root.getMessage();
    }

    /** The failure without any value it may carry: the SQLSTATE, else the innermost exception's class. */
    public static String kind(Throwable failure) {
        if (failure instanceof UnreadableMessageException) {
            return "unreadable: " + kind(failure.getCause());
        }
        SQLException sql = sqlException(failure);
        if (sql != null && sql.getSQLState() != null) {
            return "SQLSTATE " + sql.getSQLState();
        }
        return root(failure).getClass().getName();
    }

    private static SQLException sqlException(Throwable failure) {
        SQLException found = null;
        for (Throwable t : chain(failure)) {
            // the innermost one: pgjdbc's own, not a wrapper of it
            if (t instanceof SQLException sql && (found == null || sql.getSQLState() != null)) {
                found = sql;
            }
        }
        return found;
    }

    private static Throwable root(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** The failure, its causes and suppressed exceptions, and the exception a failed rollback replaced. */
    private static List<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        List<Throwable> all = new ArrayList<>();
        todo.add(failure);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            all.add(t);
            List<Throwable> next = new ArrayList<>(Arrays.asList(t.getSuppressed()));
            next.add(t.getCause());
            if (t instanceof TransactionSystemException tse) {
                next.add(tse.getApplicationException());
            }
            if (t instanceof SQLException sql) {
                next.add(sql.getNextException());
            }
            next.stream().filter(Objects::nonNull).forEach(todo::add);
        }
        return all;
    }
}
