package dev.tributary.activation.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param pollInterval   how often the worker looks for work when nothing woke it
 * @param rowsPerRound   ledger rows one round of a delivery run takes up (a run takes rounds until none is pending)
 * @param membersPage    members per page read from segmentation-service during a backfill (its limit: 1000)
 * @param retryInitial   first wait before retrying an activation whose destination or segmentation failed
 * @param retryMax       longest such wait; the wait doubles per consecutive failure
 * @param lease          how long a worker holds an activation without renewing it (it renews before every call);
 *                       after a crash, delivery of its activations resumes within this time
 */
@ConfigurationProperties("cdp.activation.delivery")
public record DeliveryProperties(@DefaultValue("1s") Duration pollInterval, @DefaultValue("3000") int rowsPerRound,
                                 @DefaultValue("1000") int membersPage, @DefaultValue("2s") Duration retryInitial,
                                 @DefaultValue("5m") Duration retryMax, @DefaultValue("2m") Duration lease) {
}
