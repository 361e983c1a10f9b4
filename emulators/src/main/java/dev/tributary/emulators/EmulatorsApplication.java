package dev.tributary.emulators;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.util.Map;

/**
 * Local emulators of the Marketo REST API and the LinkedIn Marketing API (DMP segments), for tests and the demo.
 * Never used in production (ADR 0025). In-process use goes through {@link Emulators#builder()}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EmulatorsApplication {

    /** Reads emulators.yml: it may share a classpath with the services (ADR 0004). */
    public static final Map<String, Object> DEFAULTS = Map.of("spring.config.name", "emulators");

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(EmulatorsApplication.class).main(EmulatorsApplication.class).properties(DEFAULTS);
    }

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(EmulatorsApplication.class);
        app.setDefaultProperties(DEFAULTS);
        app.run(args);
    }

    /** The clock of rate windows, token expiry and segment readiness; tests move it instead of waiting. */
    @Bean
    EmulatorClock emulatorClock() {
        return new EmulatorClock();
    }

    @Bean
    CallGate callGate() {
        return new CallGate();
    }
}
