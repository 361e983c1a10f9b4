package dev.tributary.activation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Map;

/** Activation service: destinations, activations of segments into them, the delivery ledger (port 8084). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ActivationApplication {

    /** Each service reads its own config file: several share one classpath in the standalone launcher. */
    public static final Map<String, Object> DEFAULTS = Map.of("spring.config.name", "activation-service");

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ActivationApplication.class).properties(DEFAULTS);
    }

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(ActivationApplication.class);
        app.setDefaultProperties(DEFAULTS);
        app.run(args);
    }
}
