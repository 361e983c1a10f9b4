package dev.tributary.support.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param table qualified outbox table of the service ({@code profile.outbox}); no relay runs when unset
 * @param batchSize messages sent per round trip (a row holding more, one transaction's, goes out whole)
 * @param idlePoll how long the relay sleeps when it found nothing and nobody woke it. Every commit that writes to
 *                 the outbox wakes its service's relay, so this only bounds the delay after a crash; each poll
 *                 steps over the rows of transactions still in flight (160 ms behind an 800,000-row evaluation)
 */
@ConfigurationProperties("cdp.outbox")
public record OutboxProperties(String table,
                               @DefaultValue("500") int batchSize,
                               @DefaultValue("1s") Duration idlePoll) {
}
