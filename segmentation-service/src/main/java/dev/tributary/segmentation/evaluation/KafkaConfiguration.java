package dev.tributary.segmentation.evaluation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /**
     * A batch that fails (database down, say) is retried from its first offset, with backoff, for as
     * long as it takes: evaluation is idempotent, so a retry never publishes a change twice.
     */
    @Bean
    DefaultErrorHandler retryForeverErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        return new DefaultErrorHandler(backOff);
    }
}
