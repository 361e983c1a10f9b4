package dev.tributary.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.Map;

/** The admin console (port 8080): a backend-for-frontend over the services' REST APIs (ADR 0030). */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ConsoleApplication {

    /** Its own config file: it shares one classpath with the services in the standalone launcher. */
    public static final Map<String, Object> DEFAULTS = Map.of("spring.config.name", "admin-console");

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ConsoleApplication.class).properties(DEFAULTS);
    }

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(ConsoleApplication.class);
        app.setDefaultProperties(DEFAULTS);
        app.run(args);
    }
}
