package dev.tributary.ingestion.publish;

import dev.tributary.ingestion.IngestionProperties;
import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.messaging.Envelope;
import dev.tributary.xdm.messaging.Topic;
import org.apache.kafka.common.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes validated XDM to Kafka before the request is answered. Ingestion keeps no state these
 * messages derive from, so there is no database commit to pair them with through an outbox: the
 * client's request is the unit of retry, and consumers are idempotent on replays.
 */
@Service
public class XdmPublisher {

    private final KafkaTemplate<String, String> kafka;
    private final IngestionProperties properties;
    private final JsonMapper mapper = XdmJson.mapper();

    XdmPublisher(KafkaTemplate<String, String> kafka, IngestionProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
    }

    /** Wraps the payload in a new envelope of the topic's type. */
    public <T> OutgoingMessage envelope(Topic<T> topic, String key, T payload) {
        return new OutgoingMessage(topic.name(), key, Envelope.json(topic, key, payload, mapper));
    }

    /**
     * Sends every message, then waits for every acknowledgement (acks=all, idempotent producer).
     *
     * @return the partition and offset of every message, which a batch keeps to tell how many of its records were
     *         applied (ADR 0020)
     * @throws PublishFailedException if any message is not acknowledged in time; some may have been
     *                                written all the same, which a retry of the request makes harmless
     */
    public PublishedOffsets publishAll(List<OutgoingMessage> messages) {
        if (messages.isEmpty()) {
            return PublishedOffsets.NONE;
        }
        List<CompletableFuture<SendResult<String, String>>> acks = new ArrayList<>(messages.size());
        try {
            for (OutgoingMessage message : messages) {
                acks.add(kafka.send(message.topic(), message.key(), message.value()));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return offsetsOf(acks);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(e);
        } catch (ExecutionException e) {
            throw failed(e.getCause());
        } catch (TimeoutException | KafkaException | org.springframework.kafka.KafkaException e) {
            // send() itself fails when no broker answers for metadata within max.block.ms
            throw failed(e);
        }
    }

    private static PublishedOffsets offsetsOf(List<CompletableFuture<SendResult<String, String>>> acks) {
        Map<Integer, long[]> offsets = new HashMap<>();
        Map<Integer, Integer> counts = new HashMap<>();
        for (CompletableFuture<SendResult<String, String>> ack : acks) {
            counts.merge(ack.join().getRecordMetadata().partition(), 1, Integer::sum);
        }
        counts.forEach((partition, count) -> offsets.put(partition, new long[count]));
        Map<Integer, Integer> filled = new HashMap<>();
        for (CompletableFuture<SendResult<String, String>> ack : acks) {
            int partition = ack.join().getRecordMetadata().partition();
            int index = filled.merge(partition, 1, Integer::sum) - 1;
            offsets.get(partition)[index] = ack.join().getRecordMetadata().offset();
        }
        return new PublishedOffsets(offsets);
    }

    private static PublishFailedException failed(Throwable cause) {
        return new PublishFailedException("Kafka did not acknowledge every message; nothing is accepted, retry the request",
                cause);
    }
}
