package dev.tributary.support.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the outbox table to Kafka in id order and deletes what the broker acknowledged, in one
 * transaction holding the rows ({@code FOR UPDATE SKIP LOCKED}, so several instances can run). A row is one message
 * ({@code message_key}, {@code payload}) or a run of messages for its topic ({@code message_keys}, and
 * {@code payloads} with one value a line), published in order (ADR 0016). A crash between the acknowledgement and the
 * commit republishes: delivery is at least once and every consumer is idempotent.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private record Message(String topic, String key, String value) {
    }

    private record Row(long id, List<Message> messages) {
    }

    private record Size(long id, int messages) {
    }

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, String> kafka;
    private final TransactionTemplate tx;
    private final OutboxProperties properties;
    private final String sizesSql;
    private final String selectSql;
    private final String deleteSql;
    /** How long {@link #stop()} waits for the last drain. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(JdbcClient jdbc, KafkaTemplate<String, String> kafka, TransactionTemplate tx,
                       OutboxProperties properties) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.tx = tx;
        this.properties = properties;
        // from above the last id published by this drain: deleted rows stay in the id index until vacuumed, and a
        // scan from the lowest id would step over all of them at every batch (ADR 0013). Each drain starts from 0 again, so a row committed after rows with higher ids (ids
        // are taken before commit) goes out with the next drain.
        this.sizesSql = "SELECT id, coalesce(cardinality(message_keys), 1) FROM " + properties.table()
                + " WHERE id > :after ORDER BY id LIMIT " + properties.batchSize();
        this.selectSql = "SELECT id, topic, message_key, payload, message_keys, payloads FROM " + properties.table()
                + " WHERE id = ANY(:ids) ORDER BY id FOR UPDATE SKIP LOCKED";
        this.deleteSql = "DELETE FROM " + properties.table() + " WHERE id = ANY(:ids)";
    }

    public void wakeUp() {
        wakeUps.release();
    }

    /**
     * What one batch did: the last id it picked (null when the outbox held nothing above {@code after}) and how many
     * messages it published. Rows it picked but another relay holds count for none here; that relay publishes them.
     */
    private record Batch(Long lastPicked, int published) {
    }

    /** Publishes until the outbox is empty; returns how many messages went out. */
    public int drain() {
        int total = 0;
        long after = 0;
        while (true) {
            Batch batch = publishBatch(after);
            if (batch == null || batch.lastPicked() == null) {
                return total;
            }
            total += batch.published();
            // past the rows picked, published or held by another relay: a batch whose rows were all held elsewhere
            // does not end the drain before the rows behind them
            after = batch.lastPicked();
        }
    }

    private Batch publishBatch(long after) {
        return tx.execute(status -> {
            // always the id index, in order: the statistics of a queue table are rarely right (analysed during a large
            // insert they can say one row for 800,000, and the planner would sort all of them at every batch)
            jdbc.sql("SELECT set_config('enable_sort', 'off', true)").query(String.class).single();
            // the next rows up to batchSize messages (at least one row, however many it holds), then those rows locked
            // with their payloads: a row another relay holds is skipped and goes out there
            List<Size> next = jdbc.sql(sizesSql).param("after", after)
                    .query((rs, n) -> new Size(rs.getLong(1), rs.getInt(2))).list();
            List<Long> ids = new ArrayList<>();
            int count = 0;
            for (Size size : next) {
                if (!ids.isEmpty() && count + size.messages() > properties.batchSize()) {
                    break;
                }
                ids.add(size.id());
                count += size.messages();
            }
            if (ids.isEmpty()) {
                return new Batch(null, 0);
            }
            List<Row> rows = jdbc.sql(selectSql).param("ids", ids.stream().mapToLong(Long::longValue).toArray())
                    .query((rs, n) -> new Row(rs.getLong(1), messages(rs)))
                    .list();
            Long lastPicked = ids.get(ids.size() - 1);
            if (rows.isEmpty()) {
                return new Batch(lastPicked, 0);
            }
            List<CompletableFuture<?>> acks = new ArrayList<>();
            int published = 0;
            for (Row row : rows) {
                for (Message message : row.messages()) {
                    acks.add(kafka.send(message.topic(), message.key(), message.value()));
                    published++;
                }
            }
            kafka.flush();
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            jdbc.sql(deleteSql).param("ids", rows.stream().mapToLong(Row::id).toArray()).update();
            return new Batch(lastPicked, published);
        });
    }

    private static List<Message> messages(ResultSet rs) throws SQLException {
        String topic = rs.getString(2);
        Array keys = rs.getArray(5);
        if (keys == null) {
            return List.of(new Message(topic, rs.getString(3), rs.getString(4)));
        }
        String[] k = (String[]) keys.getArray();
        String values = rs.getString(6);
        List<Message> messages = new ArrayList<>(k.length);
        int start = 0;
        for (String key : k) {
            int end = values.indexOf('\n', start);
            messages.add(new Message(topic, key, values.substring(start, end)));
            start = end + 1;
        }
        return messages;
    }

    private void run() {
        runUntilStopped();
        if (!Thread.currentThread().isInterrupted()) {
            try {
                int published = drain();
                if (published > 0) {
                    log.info("Outbox relay of {} published {} messages while stopping", properties.table(), published);
                }
            } catch (RuntimeException e) {
                log.warn("Outbox relay of {} could not publish while stopping; the rows stay for the next start",
                        properties.table(), e);
            }
        }
    }

    private void runUntilStopped() {
        while (running) {
            try {
                if (drain() == 0) {
                    wakeUps.tryAcquire(properties.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // broker or database unavailable: the rows stay in the outbox and are retried
                log.warn("Outbox relay of {} failed, retrying", properties.table(), e);
                sleepQuietly(1000);
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        worker = new Thread(this::run, "outbox-relay-" + properties.table());
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Stops the worker after its current drain and one more, which publishes what is left: the listeners stopped before
     * (see {@link #getPhase()}), so no transaction adds rows behind it. A relay that cannot finish within
     * {@link #STOP_WAIT} (broker or database gone) is interrupted; its rows stay in the table for the next start.
     */
    @Override
    public synchronized void stop() {
        running = false;
        if (worker == null) {
            return;
        }
        wakeUps.release();
        try {
            worker.join(STOP_WAIT.toMillis());
            if (worker.isAlive()) {
                log.warn("Outbox relay of {} did not finish publishing in {} s; the rest goes out at the next start",
                        properties.table(), STOP_WAIT.toSeconds());
                worker.interrupt();
                worker.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops after the Kafka listener containers (phase {@code Integer.MAX_VALUE - 100}), whose commits feed it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
