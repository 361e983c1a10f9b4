package dev.tributary.support;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Actuator and logging settings every service shares, below everything else (a service's config file, the environment or the
 * command line overrides each). Health probes and Prometheus only (ADR 0024): readiness waits for PostgreSQL and Kafka,
 * liveness for nothing outside the JVM, so a broker outage takes a service out of rotation without restarting it.
 */
public class SupportDefaults implements EnvironmentPostProcessor {

    static final Map<String, Object> DEFAULTS = defaults();

    private static Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("management.endpoints.web.exposure.include", "health,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
        defaults.put("management.endpoint.health.group.readiness.include", "readinessState,db,kafka");
        defaults.put("management.metrics.tags.application", "${spring.application.name:application}");
        // PostgreSQL's error detail quotes row values ("Key (value)=(jane@acme.com) already exists"), and listener
        // failures are logged at ERROR with their exception: pgjdbc leaves the detail out of its messages
        defaults.put("spring.datasource.hikari.data-source-properties.logServerErrorDetail", "false");
        return defaults;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("cdp-support-defaults", DEFAULTS));
    }
}
