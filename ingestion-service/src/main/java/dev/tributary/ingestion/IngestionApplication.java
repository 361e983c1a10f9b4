package dev.tributary.ingestion;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Map;

/** The ingestion service: sources, NDJSON record batches and experience events, validated and published. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestionApplication {

    /** Several services share one classpath in the standalone launcher, so none reads application.yml. */
    static final Map<String, Object> DEFAULT_PROPERTIES = Map.of("spring.config.name", "ingestion-service");

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(IngestionApplication.class);
        application.setDefaultProperties(DEFAULT_PROPERTIES);
        application.run(args);
    }

    /** For launchers embedding this service; callers add their own properties on top. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IngestionApplication.class).properties(DEFAULT_PROPERTIES);
    }
}
