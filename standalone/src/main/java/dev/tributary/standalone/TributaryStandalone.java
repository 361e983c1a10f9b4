package dev.tributary.standalone;

import dev.tributary.embedded.EmbeddedKafkaServer;
import dev.tributary.embedded.EmbeddedPostgresServer;
import dev.tributary.embedded.SharedInfrastructure;
import dev.tributary.ingestion.IngestionApplication;
import dev.tributary.profile.ProfileApplication;
import dev.tributary.segmentation.SegmentationApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Runs every Tributary service in one JVM on an embedded PostgreSQL 17 (data kept in ./data) and an
 * in-process Kafka broker. For laptops, demos and evaluation; production runs each service on its
 * own (see docker-compose.yml).
 */
public final class TributaryStandalone implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TributaryStandalone.class);

    private final StandaloneOptions options;
    private final String apiToken;
    private final List<AutoCloseable> resources = new ArrayList<>();

    TributaryStandalone(StandaloneOptions options) {
        this.options = options;
        this.apiToken = options.apiToken() != null ? options.apiToken() : generateToken();
    }

    public static void main(String[] args) throws Exception {
        StandaloneOptions options;
        try {
            options = StandaloneOptions.parse(args, System.getenv());
        } catch (StandaloneOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.println(StandaloneOptions.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        TributaryStandalone standalone = new TributaryStandalone(options);
        Runtime.getRuntime().addShutdownHook(new Thread(standalone::close, "tributary-stop"));
        standalone.start(args);
        if (options.demo()) {
            new TownsendDemo(standalone.baseUrls(), standalone.apiToken).load();
        }
        standalone.printWhereToLook();
    }

    void start(String[] args) throws Exception {
        Files.createDirectories(options.dataDirectory());
        log.info("Starting embedded PostgreSQL 17 with data in {}", options.dataDirectory().resolve("postgres"));
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(options.dataDirectory().resolve("postgres"),
                options.postgresPort());
        resources.add(postgres);
        log.info("Starting embedded Kafka broker (KRaft)");
        EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(0, 2, SharedInfrastructure.TOPICS);
        resources.add(kafka);

        // shared by every service context, above their own config files
        System.setProperty("spring.datasource.url", postgres.jdbcUrl());
        System.setProperty("spring.datasource.username", postgres.username());
        System.setProperty("spring.datasource.password", postgres.password());
        System.setProperty("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        System.setProperty("cdp.security.api-token", apiToken);

        // profile first: it owns the profile_read views segmentation reads
        run(ProfileApplication.builder(), options.profilePort(), args);
        run(IngestionApplication.builder(), options.ingestionPort(), args);
        run(SegmentationApplication.builder(), options.segmentationPort(), args);
    }

    private void run(SpringApplicationBuilder builder, int port, String[] args) {
        List<String> serviceArgs = new ArrayList<>();
        serviceArgs.add("--server.port=" + port);
        for (String arg : args) {
            if (arg.startsWith("--spring.") || arg.startsWith("--cdp.")) {
                serviceArgs.add(arg);
            }
        }
        ConfigurableApplicationContext context = builder.run(serviceArgs.toArray(String[]::new));
        resources.add(context::close);
    }

    StandaloneUrls baseUrls() {
        return new StandaloneUrls("http://localhost:" + options.ingestionPort(), "http://localhost:" + options.profilePort(),
                "http://localhost:" + options.segmentationPort());
    }

    String apiToken() {
        return apiToken;
    }

    private void printWhereToLook() {
        StandaloneUrls urls = baseUrls();
        System.out.printf("""

                Tributary is running.
                  ingestion     %s/v1/sources
                  profiles      %s/v1/accounts?identity=b2b_account:<sourceKey>
                  segmentation  %s/v1/segments
                  health        <service>/actuator/health/readiness (no token), metrics <service>/actuator/prometheus
                  API token     %s   (send 'Authorization: Bearer <token>')
                  data          %s
                %s
                """, urls.ingestion(), urls.profile(), urls.segmentation(), apiToken, options.dataDirectory(),
                options.apiToken() == null ? "Set CDP_API_TOKEN to choose the token instead of generating one." : "");
    }

    private static String generateToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        List<AutoCloseable> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        resources.clear();
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Error while stopping", e);
            }
        }
    }
}
