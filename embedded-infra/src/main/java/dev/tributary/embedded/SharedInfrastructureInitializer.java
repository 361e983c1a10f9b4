package dev.tributary.embedded;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring context at the JVM's shared embedded PostgreSQL and Kafka. Use it from tests with
 * {@code @ContextConfiguration(initializers = SharedInfrastructureInitializer.class)}.
 */
public class SharedInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("embedded-infrastructure", SharedInfrastructure.springProperties()));
    }
}
