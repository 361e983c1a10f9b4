package dev.tributary.support.outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Appends messages to the service's outbox table inside the caller's transaction; {@link OutboxRelay}
 * publishes them after commit. No service calls {@code KafkaTemplate.send()} beside a database write.
 */
public class OutboxWriter {

    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*");

    public record Message(String topic, String key, String value) {
    }

    private final JdbcClient jdbc;
    private final String table;
    private final String insertSql;
    private final OutboxRelay relay;

    public OutboxWriter(JdbcClient jdbc, String table, OutboxRelay relay) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("cdp.outbox.table must be schema.table, got '" + table + "'");
        }
        this.jdbc = jdbc;
        this.table = table;
        this.relay = relay;
        // one statement per transaction however many messages: unnest keeps their order in the id sequence
        this.insertSql = "INSERT INTO " + table + " (topic, message_key, payload)"
                + " SELECT t, k, v FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS m(t, k, v, n) ORDER BY n";
    }

    public void append(String topic, String key, String value) {
        appendAll(List.of(new Message(topic, key, value)));
    }

    public void appendAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        jdbc.sql(insertSql)
                .param(messages.stream().map(Message::topic).toArray(String[]::new))
                .param(messages.stream().map(Message::key).toArray(String[]::new))
                .param(messages.stream().map(Message::value).toArray(String[]::new))
                .update();
        appended();
    }

    /**
     * The outbox table ({@code schema.table}), for a statement that writes its messages itself
     * ({@code INSERT INTO ... SELECT}, columns {@code topic, message_key, payload}) instead of shipping them from
     * Java; call {@link #appended()} after it.
     */
    public String table() {
        return table;
    }

    /** Has the relay publish after the caller's transaction commits what a statement of the caller appended. */
    public void appended() {
        if (relay == null) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wakeUp();
                }
            });
        } else {
            relay.wakeUp();
        }
    }
}
