package dev.tributary.ingestion.batch;

import dev.tributary.xdm.messaging.Topics;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.tributary.support.health.SharedAdminClient;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How many of a batch's records profile-service has applied: those below its consumer group's committed offset on
 * their partition, since it commits after its transaction (ADR 0020). Ingestion reads no profile table. The
 * committed offsets are asked of the broker at most once per {@code cacheFor}, whatever the number of callers.
 */
@Component
class AppliedRecords {

    private static final Logger log = LoggerFactory.getLogger(AppliedRecords.class);

    private record Committed(long fetchedAt, Map<Integer, Long> offsets) {
    }

    private final BatchOffsetsRepository batchOffsets;
    private final SharedAdminClient admin;
    private final AppliedCountProperties properties;
    private Committed committed;

    AppliedRecords(BatchOffsetsRepository batchOffsets, SharedAdminClient admin, AppliedCountProperties properties) {
        this.batchOffsets = batchOffsets;
        this.admin = admin;
        this.properties = properties;
    }

    /** The applied count, or null when it cannot be told (the broker did not answer, or the batch kept no offsets). */
    Integer count(UUID batchId, int accepted) {
        if (accepted == 0) {
            return 0;
        }
        Map<Integer, long[]> offsets = batchOffsets.find(batchId);
        if (offsets.isEmpty()) {
            return null;
        }
        Map<Integer, Long> committedOffsets = committedOffsets();
        if (committedOffsets == null) {
            return null;
        }
        int applied = 0;
        for (Map.Entry<Integer, long[]> partition : offsets.entrySet()) {
            long below = committedOffsets.getOrDefault(partition.getKey(), 0L);
            for (long offset : partition.getValue()) {
                if (offset < below) {
                    applied++;
                }
            }
        }
        return applied;
    }

    private synchronized Map<Integer, Long> committedOffsets() {
        long now = System.nanoTime();
        if (committed != null && now - committed.fetchedAt() < properties.cacheFor().toNanos()) {
            return committed.offsets();
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> all = admin.get()
                    .listConsumerGroupOffsets(properties.consumerGroup())
                    .partitionsToOffsetAndMetadata()
                    .get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
            Map<Integer, Long> offsets = new HashMap<>();
            all.forEach((partition, offset) -> {
                if (offset != null && partition.topic().equals(Topics.XDM_RECORDS.name())) {
                    offsets.put(partition.partition(), offset.offset());
                }
            });
            committed = new Committed(now, offsets);
            return offsets;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Could not read the committed offsets of consumer group {}: applied counts are unknown",
                    properties.consumerGroup(), e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
