package dev.tributary.emulators;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

import java.util.Map;

/**
 * Local emulators of the Marketo REST API and the LinkedIn Marketing API (DMP segments), for tests and the demo.
 * Never used in production (ADR 0025). In-process use goes through {@link Emulators#builder()}.
 */
@SpringBootConfiguration
@ComponentScan
@ConfigurationPropertiesScan
// web only, named: started inside another module's tests, whose classpath holds JDBC, Kafka and Spring Security
// auto-configurations the emulators must not pick up (ADR 0025)
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ConfigurationPropertiesAutoConfiguration.class,
        JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, HttpEncodingAutoConfiguration.class,
        TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
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
