package dev.tributary.segmentation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.util.Map;

/** Segmentation service: segment definitions, evaluation, membership and explanations (port 8083). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SegmentationApplication {

    /** Each service reads its own config file: several share one classpath in the standalone launcher. */
    public static final Map<String, Object> DEFAULTS = Map.of("spring.config.name", "segmentation-service");

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(SegmentationApplication.class).properties(DEFAULTS);
    }

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(SegmentationApplication.class);
        app.setDefaultProperties(DEFAULTS);
        app.run(args);
    }

    /** The evaluation instant ({@code :now}) of every rule; tests replace it to move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
