package dev.tributary.support.outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
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
    private final String insertOneSql;
    private final OutboxRelay relay;

    public OutboxWriter(JdbcClient jdbc, String table, OutboxRelay relay) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("cdp.outbox.table must be schema.table, got '" + table + "'");
        }
        this.jdbc = jdbc;
        this.table = table;
        this.relay = relay;
        // one row per run of messages for the same topic, in order (ADR 0016): a row per message made the outbox three
        // row writes a message (insert, the relay's lock, delete), the largest writer of WAL in a profile batch
        this.insertSql = "INSERT INTO " + table + " (topic, message_keys, payloads) VALUES (?, ?::text[], ?)";
        this.insertOneSql = "INSERT INTO " + table + " (topic, message_key, payload) VALUES (?, ?, ?)";
    }

    public void append(String topic, String key, String value) {
        appendAll(List.of(new Message(topic, key, value)));
    }

    /**
     * Appends the messages in their order: each run of messages for one topic as one row, their values one a line. A
     * message whose value holds a line break (no compact JSON does) gets a row of its own.
     */
    public void appendAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<Message> run = new ArrayList<>();
        for (Message message : messages) {
            boolean alone = message.value().indexOf('\n') >= 0;
            if (!run.isEmpty() && (alone || !run.get(0).topic().equals(message.topic()))) {
                insertRun(run);
                run.clear();
            }
            if (alone) {
                jdbc.sql(insertOneSql).param(message.topic()).param(message.key()).param(message.value()).update();
            } else {
                run.add(message);
            }
        }
        insertRun(run);
        appended();
    }

    private void insertRun(List<Message> run) {
        if (run.isEmpty()) {
            return;
        }
        StringBuilder values = new StringBuilder();
        for (Message message : run) {
            values.append(message.value()).append('\n');
        }
        jdbc.sql(insertSql)
                .param(run.get(0).topic())
                .param(run.stream().map(Message::key).toArray(String[]::new))
                .param(values.toString())
                .update();
    }

    /**
     * The outbox table ({@code schema.table}), for a statement that writes its messages itself
     * ({@code INSERT INTO ... SELECT}, one row a message: columns {@code topic, message_key, payload}) instead of
     * shipping them from Java; call {@link #appended()} after it.
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
