package dev.tributary.ingestion;

import dev.tributary.xdm.validation.XdmValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IngestionConfiguration {

    /** Loads and compiles every XDM schema once; thread-safe. */
    @Bean
    XdmValidator xdmValidator() {
        return new XdmValidator();
    }
}
