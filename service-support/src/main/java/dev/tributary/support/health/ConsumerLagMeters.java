package dev.tributary.support.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code cdp.kafka.consumer.lag{group}}: messages on the broker that the group has not committed yet, summed over the
 * partitions it has committed offsets for (end offset minus committed offset). Read from the broker, not from the
 * consumer, so it keeps growing while a consumer is stuck; each group is asked at most once per
 * {@code cdp.health.kafka.cache-for}, and a group the broker does not answer for reads NaN.
 */
public class ConsumerLagMeters implements ApplicationListener<ApplicationStartedEvent> {

    private record Reading(double lag, long at) {
    }

    private final SharedAdminClient admin;
    private final KafkaHealthProperties properties;
    private final ObjectProvider<MeterRegistry> registry;
    private final ObjectProvider<KafkaListenerEndpointRegistry> listeners;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    public ConsumerLagMeters(SharedAdminClient admin, KafkaHealthProperties properties, ObjectProvider<MeterRegistry> registry,
                             ObjectProvider<KafkaListenerEndpointRegistry> listeners) {
        this.admin = admin;
        this.properties = properties;
        this.registry = registry;
        this.listeners = listeners;
    }

    /** The listener containers exist once the context has started. */
    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        KafkaListenerEndpointRegistry endpoints = listeners.getIfAvailable();
        MeterRegistry target = registry.getIfAvailable();
        if (endpoints == null || target == null) {
            return;
        }
        Set<String> groups = new TreeSet<>();
        for (MessageListenerContainer container : endpoints.getListenerContainers()) {
            if (container.getGroupId() != null) {
                groups.add(container.getGroupId());
            }
        }
        for (String group : groups) {
            Gauge.builder("cdp.kafka.consumer.lag", this, meters -> meters.lag(group))
                    .tag("group", group)
                    .description("Messages not yet committed by the consumer group (end offset - committed offset)")
                    .baseUnit("messages")
                    .register(target);
        }
    }

    double lag(String group) {
        Reading reading = readings.get(group);
        long now = System.nanoTime();
        if (reading == null || now - reading.at() > properties.cacheFor().toNanos()) {
            reading = new Reading(read(group), System.nanoTime());
            readings.put(group, reading);
        }
        return reading.lag();
    }

    private double read(String group) {
        long timeoutMs = properties.timeout().toMillis();
        try {
            Admin client = admin.get();
            Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(timeoutMs, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (offset != null) {
                    latest.put(partition, OffsetSpec.latest());
                }
            });
            if (latest.isEmpty()) {
                return 0;
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = client.listOffsets(latest).all()
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
                lag += Math.max(0, end.getValue().offset() - committed.get(end.getKey()).offset());
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
