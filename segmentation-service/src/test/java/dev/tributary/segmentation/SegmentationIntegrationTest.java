package dev.tributary.segmentation;

import dev.tributary.embedded.SharedInfrastructureInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One Spring context for every integration test of the module, on the JVM's embedded PostgreSQL and
 * Kafka, with the real ingestion and profile services upstream and a clock tests can move.
 * ({@link SharedInfrastructureInitializer} via {@link SegmentationTestInitializer}.)
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=segmentation-service", "cdp.security.api-token=test-token",
                "cdp.segmentation.time.recheck-interval=1s", "cdp.segmentation.schedule.poll-interval=1s",
                // the Townsend people are three: an evaluation they all enter analyses membership
                "cdp.segmentation.schedule.analyze-after-changes=3",
                // SegmentLimitsIT waits this long for a read held up behind a table lock to be cancelled
                "cdp.segmentation.api.statement-timeout=3s",
                // the JVM's shared PostgreSQL stops in its own shutdown hook: do not wait long for it
                "spring.lifecycle.timeout-per-shutdown-phase=5s", "spring.datasource.hikari.connection-timeout=5000"})
@ContextConfiguration(initializers = SegmentationTestInitializer.class)
@Import(SegmentationIntegrationTest.TestClock.class)
public @interface SegmentationIntegrationTest {

    @TestConfiguration(proxyBeanMethods = false)
    class TestClock {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }
}
