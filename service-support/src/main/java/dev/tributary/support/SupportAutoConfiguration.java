package dev.tributary.support;

import dev.tributary.support.openapi.OpenApiDocumentController;
import dev.tributary.support.outbox.OutboxProperties;
import dev.tributary.support.outbox.OutboxRelay;
import dev.tributary.support.outbox.OutboxWriter;
import dev.tributary.support.problem.ProblemDetailsAdvice;
import dev.tributary.support.security.ApiTokenFilter;
import dev.tributary.support.security.SecurityProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** What every Tributary service gets by depending on service-support. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
@EnableConfigurationProperties({SecurityProperties.class, OutboxProperties.class})
public class SupportAutoConfiguration {

    @Bean
    @ConditionalOnWebApplication
    FilterRegistrationBean<ApiTokenFilter> apiTokenFilter(SecurityProperties properties) {
        FilterRegistrationBean<ApiTokenFilter> registration = new FilterRegistrationBean<>(new ApiTokenFilter(properties));
        registration.addUrlPatterns("/v1", "/v1/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
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
}
