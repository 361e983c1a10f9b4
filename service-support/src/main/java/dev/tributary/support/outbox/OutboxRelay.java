package dev.tributary.support.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the outbox table to Kafka in id order and deletes what the broker acknowledged, in one
 * transaction holding the rows ({@code FOR UPDATE SKIP LOCKED}, so several instances can run). A crash
 * between the acknowledgement and the commit republishes: delivery is at least once and every
 * consumer is idempotent.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private record Row(long id, String topic, String key, String value) {
    }

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, String> kafka;
    private final TransactionTemplate tx;
    private final OutboxProperties properties;
    private final String selectSql;
    private final String deleteSql;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(JdbcClient jdbc, KafkaTemplate<String, String> kafka, TransactionTemplate tx,
                       OutboxProperties properties) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.tx = tx;
        this.properties = properties;
        this.selectSql = "SELECT id, topic, message_key, payload FROM " + properties.table()
                + " ORDER BY id LIMIT " + properties.batchSize() + " FOR UPDATE SKIP LOCKED";
        this.deleteSql = "DELETE FROM " + properties.table() + " WHERE id = ANY(:ids)";
    }

    public void wakeUp() {
        wakeUps.release();
    }

    /** Publishes until the outbox is empty; returns how many messages went out. */
    public int drain() {
        int total = 0;
        int sent;
        do {
            sent = publishBatch();
            total += sent;
        } while (sent > 0);
        return total;
    }

    private int publishBatch() {
        Integer sent = tx.execute(status -> {
            List<Row> rows = jdbc.sql(selectSql)
                    .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
            for (Row row : rows) {
                acks.add(kafka.send(row.topic(), row.key(), row.value()));
            }
            kafka.flush();
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            jdbc.sql(deleteSql).param("ids", rows.stream().mapToLong(Row::id).toArray()).update();
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    private void run() {
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

    @Override
    public synchronized void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
