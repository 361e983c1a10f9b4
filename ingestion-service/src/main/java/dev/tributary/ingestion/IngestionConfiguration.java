package dev.tributary.ingestion;

import dev.tributary.xdm.validation.XdmValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.LoggingProducerListener;

@Configuration(proxyBeanMethods = false)
class IngestionConfiguration {

    /** Loads and compiles every XDM schema once; thread-safe. */
    @Bean
    XdmValidator xdmValidator() {
        return new XdmValidator();
    }

    /** Replaces Boot's listener, which logs the failed message's value: records carry emails and names. */
    @Bean
    LoggingProducerListener<Object, Object> kafkaProducerListener() {
        LoggingProducerListener<Object, Object> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        return listener;
    }
}
