package dev.tributary.support.health;

import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * UP when the broker answers a describe-cluster within {@code cdp.health.kafka.timeout}; the answer is kept for
 * {@code cdp.health.kafka.cache-for}. Boot has no Kafka health indicator. Part of the readiness group.
 */
public class KafkaHealthIndicator implements HealthIndicator {

    private final SharedAdminClient admin;
    private final KafkaHealthProperties properties;
    private Health cached;
    private long cachedAt;

    public KafkaHealthIndicator(SharedAdminClient admin, KafkaHealthProperties properties) {
        this.admin = admin;
        this.properties = properties;
    }

    @Override
    public synchronized Health health() {
        long now = System.nanoTime();
        if (cached == null || now - cachedAt > properties.cacheFor().toNanos()) {
            cached = check();
            cachedAt = System.nanoTime();
        }
        return cached;
    }

    private Health check() {
        long timeoutMs = properties.timeout().toMillis();
        try {
            DescribeClusterResult cluster = admin.get().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeoutMs));
            String clusterId = cluster.clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
            int nodes = cluster.nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
            return Health.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(e).build();
        } catch (ExecutionException e) {
            return Health.down(e.getCause() instanceof Exception cause ? cause : e).build();
        } catch (TimeoutException | RuntimeException e) {
            return Health.down(e).build();
        }
    }
}
