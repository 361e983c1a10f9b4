package dev.tributary.support;

import dev.tributary.support.health.ConsumerLagMeters;
import dev.tributary.support.health.KafkaHealthIndicator;
import dev.tributary.support.health.KafkaHealthProperties;
import dev.tributary.support.health.SharedAdminClient;
import dev.tributary.support.kafka.DeadLetters;
import dev.tributary.support.openapi.OpenApiDocumentController;
import dev.tributary.support.outbox.OutboxMeters;
import dev.tributary.support.outbox.OutboxProperties;
import dev.tributary.support.outbox.OutboxRelay;
import dev.tributary.support.outbox.OutboxWriter;
import dev.tributary.support.problem.ProblemDetailsAdvice;
import dev.tributary.support.web.BodyLimit;
import dev.tributary.support.web.BodyLimitFilter;
import dev.tributary.support.web.BodyLimits;
import dev.tributary.support.web.HttpLimitsProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

/** What every Tributary service gets by depending on service-support. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
@EnableConfigurationProperties({OutboxProperties.class, HttpLimitsProperties.class, KafkaHealthProperties.class})
public class SupportAutoConfiguration {

    /** After Spring Security's chain (order -100), before anything reads a body (ADR 0023). */
    @Bean
    @ConditionalOnWebApplication
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(HttpLimitsProperties properties, ObjectProvider<BodyLimits> limits) {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(new BodyLimitFilter(
                limits.orderedStream().flatMap(l -> l.limits().stream()).toList(),
                BodyLimit.everyOtherCall(properties.maxRequestBytes())));
        registration.setOrder(0);
        return registration;
    }

    @Bean
    @ConditionalOnWebApplication
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    @ConditionalOnWebApplication
    OpenApiDocumentController openApiDocumentController(Environment environment) {
        return new OpenApiDocumentController(environment.getProperty("spring.application.name", "application"));
    }

    /** Where consumers put the messages they cannot read ({@code cdp.kafka.dead-letter-topic}). */
    @Bean
    DeadLetters deadLetters(KafkaTemplate<String, String> kafka, Environment environment) {
        return new DeadLetters(kafka, environment.getProperty("cdp.kafka.dead-letter-topic", "cdp.ingest.dlq.v1"));
    }

    /**
     * A listener batch that fails (database down, say) is retried from its first offset, with backoff,
     * for as long as it takes: nothing is skipped, and every consumer is idempotent, so nothing is lost
     * or applied twice.
     */
    @Bean
    DefaultErrorHandler retryForeverErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        return new DefaultErrorHandler(backOff);
    }

    @Bean
    @ConditionalOnProperty("cdp.outbox.table")
    OutboxRelay outboxRelay(JdbcClient jdbc, KafkaTemplate<String, String> kafka, TransactionTemplate tx,
                            OutboxProperties properties) {
        return new OutboxRelay(jdbc, kafka, tx, properties);
    }

    @Bean
    @ConditionalOnProperty("cdp.outbox.table")
    OutboxWriter outboxWriter(JdbcClient jdbc, OutboxProperties properties, OutboxRelay relay) {
        return new OutboxWriter(jdbc, properties.table(), relay);
    }

    @Bean
    @ConditionalOnProperty("cdp.outbox.table")
    OutboxMeters outboxMeters(JdbcClient jdbc, OutboxProperties properties) {
        return new OutboxMeters(jdbc, properties.table());
    }

    @Bean
    SharedAdminClient sharedAdminClient(KafkaAdmin kafkaAdmin) {
        return new SharedAdminClient(kafkaAdmin);
    }

    /** Contributor {@code kafka}, in the readiness group ({@link SupportDefaults}). */
    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(SharedAdminClient admin, KafkaHealthProperties properties) {
        return new KafkaHealthIndicator(admin, properties);
    }

    @Bean
    ConsumerLagMeters consumerLagMeters(SharedAdminClient admin, KafkaHealthProperties properties,
                                        ObjectProvider<MeterRegistry> registry,
                                        ObjectProvider<KafkaListenerEndpointRegistry> listeners) {
        return new ConsumerLagMeters(admin, properties, registry, listeners);
    }
}
