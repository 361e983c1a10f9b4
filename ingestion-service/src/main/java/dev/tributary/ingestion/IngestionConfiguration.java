package dev.tributary.ingestion;

import dev.tributary.ingestion.batch.RejectedContentPurge;
import dev.tributary.ingestion.web.BodyLimitFilter;
import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.validation.XdmValidator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.LoggingProducerListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IngestionConfiguration {

    /** Clears rejected lines' content past its retention (ADR 0023). */
    @Bean
    SchedulingConfigurer rejectedContentPurgeSchedule(RejectedContentPurge purge, IngestionProperties properties) {
        return registrar -> registrar.addFixedDelayTask(purge::purge, properties.rejectedContentPurgeInterval());
    }

    /** Loads and compiles every XDM schema once; thread-safe. */
    @Bean
    XdmValidator xdmValidator(IngestionProperties properties) {
        return new XdmValidator(XdmJson.mapper(), Clock.systemUTC(), properties.futureTolerance());
    }

    /** After authentication (order HIGHEST_PRECEDENCE + 10), before any controller reads a body (ADR 0023). */
    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(IngestionProperties properties) {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(new BodyLimitFilter(properties));
        registration.setOrder(0);
        return registration;
    }

    /** Replaces Boot's listener, which logs the failed message's value: records carry emails and names. */
    @Bean
    LoggingProducerListener<Object, Object> kafkaProducerListener() {
        LoggingProducerListener<Object, Object> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        return listener;
    }
}
