package dev.tributary.ingestion;

import dev.tributary.embedded.SharedInfrastructureInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Every integration test class carries exactly this configuration, so the whole suite shares one
 * Spring context on the JVM's shared embedded PostgreSQL and Kafka. The limits are small so that
 * the oversize tests send megabytes instead of the defaults' tens of megabytes, and connector retries wait
 * milliseconds.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ingestion-service", "cdp.security.api-token=" + IngestionApi.TOKEN,
                "cdp.ingestion.max-batch-bytes=1MB", "cdp.ingestion.max-events-bytes=1MB",
                "cdp.ingestion.max-batch-lines=5000", "cdp.ingestion.max-rejected-lines=50",
                "cdp.ingestion.max-message-bytes=256KB", "cdp.ingestion.secrets-key=" + IngestionApi.SECRETS_KEY,
                "cdp.ingestion.connectors.poll=200ms", "cdp.ingestion.connectors.initial-backoff=10ms",
                "cdp.ingestion.connectors.max-backoff=50ms", "cdp.ingestion.connectors.retry-attempts=3",
                "cdp.ingestion.connectors.lease-ttl=30s"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
public @interface IngestionIntegrationTest {
}
