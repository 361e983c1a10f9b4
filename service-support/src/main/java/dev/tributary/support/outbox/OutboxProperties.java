package dev.tributary.support.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param table qualified outbox table of the service ({@code profile.outbox}); no relay runs when unset
 * @param batchSize messages sent per round trip
 * @param idlePoll how long the relay sleeps when it found nothing and nobody woke it
 */
@ConfigurationProperties("cdp.outbox")
public record OutboxProperties(String table,
                               @DefaultValue("500") int batchSize,
                               @DefaultValue("250ms") Duration idlePoll) {
}
