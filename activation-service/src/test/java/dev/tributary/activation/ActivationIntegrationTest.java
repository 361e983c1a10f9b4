package dev.tributary.activation;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One Spring context for every integration test of the module, on the JVM's embedded PostgreSQL and Kafka, with
 * profile-service's schema, a segmentation members API and the emulators upstream ({@link TestUpstreams}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=activation-service", "cdp.security.api-token=" + TestUpstreams.TOKEN,
                "cdp.activation.secrets-key=" + TestUpstreams.SECRETS_KEY,
                // retries within a test's patience; the limits stay Marketo's
                "cdp.activation.marketo.backoff-initial=50ms", "cdp.activation.marketo.backoff-max=500ms",
                "cdp.activation.marketo.request-timeout=3s",
                "cdp.activation.delivery.poll-interval=200ms", "cdp.activation.delivery.retry-initial=200ms",
                "cdp.activation.delivery.retry-max=2s",
                // the JVM's shared PostgreSQL stops in its own shutdown hook: do not wait long for it
                "spring.lifecycle.timeout-per-shutdown-phase=5s", "spring.datasource.hikari.connection-timeout=5000"})
@ContextConfiguration(initializers = ActivationTestInitializer.class)
public @interface ActivationIntegrationTest {
}
