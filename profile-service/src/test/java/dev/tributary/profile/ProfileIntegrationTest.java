package dev.tributary.profile;

import dev.tributary.embedded.SharedInfrastructureInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One Spring context for every integration test of the module, on the JVM's embedded PostgreSQL and Kafka. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=profile-service", "cdp.security.api-token=test-token",
                "cdp.profile.api.read-timeout-seconds=3"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
public @interface ProfileIntegrationTest {
}
