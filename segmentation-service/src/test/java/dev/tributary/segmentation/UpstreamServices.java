package dev.tributary.segmentation;

import dev.tributary.embedded.SharedInfrastructure;
import dev.tributary.ingestion.IngestionApplication;
import dev.tributary.profile.ProfileApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real ingestion and profile services, started once per test JVM on the shared PostgreSQL and
 * Kafka: tests feed data the way production does, through ingestion's API and profile's change events.
 */
public final class UpstreamServices {

    public static final String TOKEN = "test-token";
    /** ingestion-service's cdp.ingestion.secrets-key: base64 of 32 bytes. */
    private static final String SECRETS_KEY = "dGVzdC1zZWNyZXRzLWtleS1vZi0zMi1ieXRlcy0tLS0=";

    private static ConfigurableApplicationContext ingestion;
    private static ConfigurableApplicationContext profile;

    private UpstreamServices() {
    }

    public static synchronized void start() {
        if (profile == null) {
            profile = run(ProfileApplication.builder());
            ingestion = run(IngestionApplication.builder());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                ingestion.close();
                profile.close();
            }, "upstream-services-stop"));
        }
    }

    public static ConfigurableApplicationContext profile() {
        start();
        return profile;
    }

    public static int ingestionPort() {
        start();
        return Integer.parseInt(ingestion.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** As command-line arguments: they win over the service's own config file, default properties do not. */
    private static ConfigurableApplicationContext run(SpringApplicationBuilder builder) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--cdp.security.api-token=" + TOKEN,
                "--cdp.ingestion.secrets-key=" + SECRETS_KEY,
                "--spring.lifecycle.timeout-per-shutdown-phase=5s", "--spring.datasource.hikari.connection-timeout=5000"));
        for (Map.Entry<String, Object> p : SharedInfrastructure.springProperties().entrySet()) {
            args.add("--" + p.getKey() + "=" + p.getValue());
        }
        return builder.run(args.toArray(String[]::new));
    }
}
