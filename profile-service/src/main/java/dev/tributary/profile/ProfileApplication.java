package dev.tributary.profile;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Map;

/** Profile service: fragments, identity graph, unified persons and accounts (port 8082). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProfileApplication {

    /** Each service reads its own config file: several share one classpath in the standalone launcher. */
    public static final Map<String, Object> DEFAULTS = Map.of("spring.config.name", "profile-service");

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ProfileApplication.class).properties(DEFAULTS);
    }

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(ProfileApplication.class);
        app.setDefaultProperties(DEFAULTS);
        app.run(args);
    }
}
