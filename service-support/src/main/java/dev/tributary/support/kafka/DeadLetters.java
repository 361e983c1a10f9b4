package dev.tributary.support.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;

/**
 * Sends a message a consumer cannot read to the dead-letter topic, with the reason and where it came
 * from in headers, so one poison message never blocks a partition and is never silently dropped.
 */
public class DeadLetters {

    public static final String REASON_HEADER = "cdp-dlq-reason";
    public static final String SOURCE_HEADER = "cdp-dlq-source";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaTemplate<String, String> kafka;
    private final String topic;

    public DeadLetters(KafkaTemplate<String, String> kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    /** Blocks until the broker has the dead letter: the offset must not be committed before. */
    public void send(ConsumerRecord<String, String> message, RuntimeException reason) {
        String source = message.topic() + "-" + message.partition() + "@" + message.offset();
        // the reason's message may quote the record's keys or emails: only its type at WARN, the message at DEBUG
        log.warn("Dead-lettering {}: {}", source, reason.getClass().getSimpleName());
        log.debug("Dead-lettering {}: {}", source, reason.getMessage());
        ProducerRecord<String, String> dead = new ProducerRecord<>(topic, message.key(), message.value());
        dead.headers().add(REASON_HEADER, String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        dead.headers().add(SOURCE_HEADER, source.getBytes(StandardCharsets.UTF_8));
        kafka.send(dead).join();
    }
}
