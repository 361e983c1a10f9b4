package dev.tributary.standalone;

import dev.tributary.activation.ActivationApplication;
import dev.tributary.console.ConsoleApplication;
import dev.tributary.embedded.EmbeddedKafkaServer;
import dev.tributary.embedded.EmbeddedPostgresServer;
import dev.tributary.embedded.SharedInfrastructure;
import dev.tributary.emulators.Emulators;
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
import java.util.concurrent.TimeUnit;

/**
 * Runs every Tributary service in one JVM on an embedded PostgreSQL 17 and an in-process Kafka broker, both keeping
 * their data in the data directory (./data) across restarts and crashes (ADR 0020). For laptops, demos and
 * evaluation; production runs each service on its own (see docker-compose.yml).
 */
public final class TributaryStandalone implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TributaryStandalone.class);

    private final StandaloneOptions options;
    private final String apiToken;
    private final String consoleAdminPassword;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private Emulators emulators;

    TributaryStandalone(StandaloneOptions options) {
        this.options = options;
        this.apiToken = options.apiToken() != null ? options.apiToken() : generateToken();
        this.consoleAdminPassword = options.consoleAdminPassword() != null ? options.consoleAdminPassword()
                : ConsoleUsers.generatePassword();
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
        try {
            standalone.start(args);
        } catch (Exception e) {
            // exit runs the hook, which stops what did start: PostgreSQL would outlive the JVM, the broker keep it alive
            log.error("Tributary could not start", e);
            System.exit(1);
        }
        if (options.demo()) {
            new TownsendDemo(standalone.baseUrls(), standalone.apiToken, standalone.emulators(), options.dataDirectory()).load();
        }
        standalone.printWhereToLook();
    }

    /**
     * Starts PostgreSQL, the broker, then the services. {@link #close()} stops them in the reverse order (ADR 0020).
     */
    synchronized void start(String[] args) throws Exception {
        Files.createDirectories(options.dataDirectory());
        resources.add(DataDirectoryLock.acquire(options.dataDirectory()));
        long start = System.nanoTime();
        log.info("Starting embedded PostgreSQL 17 with data in {}", options.dataDirectory().resolve("postgres"));
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(options.dataDirectory().resolve("postgres"),
                options.postgresPort());
        resources.add(postgres);
        log.info("Starting embedded Kafka broker (KRaft) with its log in {}", options.dataDirectory().resolve("kafka"));
        EmbeddedKafkaServer kafka = EmbeddedKafkaServer.startPersistent(options.dataDirectory().resolve("kafka"),
                options.kafkaPort(), 2, SharedInfrastructure.TOPICS);
        resources.add(kafka);

        // shared by every service context, above their own config files
        System.setProperty("spring.datasource.url", postgres.jdbcUrl());
        System.setProperty("spring.datasource.username", postgres.username());
        System.setProperty("spring.datasource.password", postgres.password());
        System.setProperty("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        System.setProperty("cdp.security.api-token", apiToken);
        // a killed run's consumers stay members of their groups until their session expires, and the restarted ones
        // get no partitions until then: 10 s instead of Kafka's 45 s (one broker in this JVM, no network to tolerate)
        System.setProperty("spring.kafka.consumer.properties.session.timeout.ms", "10000");
        System.setProperty("spring.kafka.consumer.properties.heartbeat.interval.ms", "2000");
        // close() stops everything in order and logs while it does: no hooks of Boot's own
        System.setProperty("logging.register-shutdown-hook", "false");

        String secretsKey = options.secretsKey() != null ? options.secretsKey()
                : SecretsKeyFile.readOrCreate(options.dataDirectory());
        int beforeServices = resources.size();
        // profile first: it owns the profile_read views segmentation reads
        run(ProfileApplication.builder(), options.profilePort(), args);
        run(SegmentationApplication.builder(), options.segmentationPort(), args);
        // after segmentation and stopped before it: it reads its members and follows its membership changes
        run(ActivationApplication.builder(), options.activationPort(), args,
                "--cdp.activation.secrets-key=" + secretsKey,
                "--cdp.activation.segmentation-url=" + baseUrls().segmentation());
        // ingestion last and closed first: it accepts records only while everything behind it runs
        // the same key seals ingestion's connector secrets and activation's destination secrets
        run(IngestionApplication.builder(), options.ingestionPort(), args, "--cdp.ingestion.secrets-key=" + secretsKey);
        startConsole(args);
        if (options.demo()) {
            log.info("Starting the Marketo, Salesforce, Dynamics and LinkedIn emulators on port {} (--demo)", options.emulatorsPort());
            emulators = TownsendDemo.startEmulators(options.emulatorsPort());
            // stopped after the services: activation-service may still be calling them
            resources.add(beforeServices, emulators);
        }
        log.info("Tributary started in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** The admin console, on the services' APIs with its own admin-scoped key (ADR 0030); it enforces its users' roles. */
    private void startConsole(String[] args) throws Exception {
        StandaloneUrls urls = baseUrls();
        List<String> settings = new ArrayList<>(List.of(
                "--cdp.console.api-key=" + ConsoleKeyFile.readOrCreate(options.dataDirectory(), urls.profile(), apiToken),
                "--cdp.console.ingestion-url=" + urls.ingestion(), "--cdp.console.profile-url=" + urls.profile(),
                "--cdp.console.segmentation-url=" + urls.segmentation(), "--cdp.console.activation-url=" + urls.activation()));
        settings.addAll(ConsoleUsers.settings(consoleAdminPassword, options.demo()));
        run(ConsoleApplication.builder(), options.consolePort(), args, settings.toArray(String[]::new));
    }

    private void run(SpringApplicationBuilder builder, int port, String[] args, String... settings) {
        List<String> serviceArgs = new ArrayList<>();
        serviceArgs.add("--server.port=" + port);
        serviceArgs.addAll(List.of(settings));
        for (String arg : args) {
            if (arg.startsWith("--spring.") || arg.startsWith("--cdp.")) {
                serviceArgs.add(arg);
            }
        }
        // closed by close(), in order, rather than by a hook of its own running beside the others
        ConfigurableApplicationContext context = builder.registerShutdownHook(false).run(serviceArgs.toArray(String[]::new));
        resources.add(context::close);
    }

    StandaloneUrls baseUrls() {
        return new StandaloneUrls("http://localhost:" + options.ingestionPort(), "http://localhost:" + options.profilePort(),
                "http://localhost:" + options.segmentationPort(), "http://localhost:" + options.activationPort());
    }

    /** The emulators the demo activates to; null without {@code --demo}. */
    Emulators emulators() {
        return emulators;
    }

    String apiToken() {
        return apiToken;
    }

    String consoleUrl() {
        return "http://localhost:" + options.consolePort();
    }

    private void printWhereToLook() {
        StandaloneUrls urls = baseUrls();
        System.out.printf("""

                Tributary is running.
                  console       %s   (user admin, password %s%s)
                  ingestion     %s/v1/sources
                  profiles      %s/v1/accounts?identity=b2b_account:<sourceKey>
                  segmentation  %s/v1/segments
                  activation    %s/v1/destinations, %s/v1/activations
                  health        <service>/actuator/health/readiness (no token), metrics <service>/actuator/prometheus
                  API token     %s   (send 'Authorization: Bearer <token>')
                  data          %s
                %s
                """, consoleUrl(), consoleAdminPassword, options.demo() ? "; demo users marketer/marketer, viewer/viewer" : "",
                urls.ingestion(), urls.profile(), urls.segmentation(), urls.activation(), urls.activation(), apiToken, options.dataDirectory(),
                options.apiToken() == null ? "Set CDP_API_TOKEN to choose the token instead of generating one." : "");
    }

    private static String generateToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Stops in the reverse order of the start: ingestion stops accepting and finishes its requests, activation-service's
     * delivery worker stops (an interrupted call is repeated at the next start, ADR 0026), the consumers finish their batch and commit, the outbox relays publish what is left,
     * the demo's emulators stop, then the broker stops (controlled,
     * its log marked clean), then PostgreSQL (fast shutdown with its checkpoint), then the data directory is unlocked.
     */
    @Override
    public synchronized void close() {
        if (resources.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        log.info("Stopping Tributary");
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
        log.info("Tributary stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
}
