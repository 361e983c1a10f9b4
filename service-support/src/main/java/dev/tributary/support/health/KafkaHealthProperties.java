package dev.tributary.support.health;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param timeout how long the Kafka health check and a lag reading wait for the broker before answering DOWN or
 *                leaving the gauge empty
 * @param cacheFor how long an answer is reused: probes every few seconds from several callers ask the broker once
 */
@ConfigurationProperties("cdp.health.kafka")
public record KafkaHealthProperties(@DefaultValue("2s") Duration timeout, @DefaultValue("5s") Duration cacheFor) {
}
