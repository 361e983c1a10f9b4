package dev.tributary.standalone;

import java.nio.file.Path;
import java.util.Map;

/**
 * Command-line options and environment of the standalone launcher.
 *
 * @param dataDirectory PostgreSQL data kept between runs ({@code --data-dir}, {@code CDP_DATA_DIR}, default ./data)
 * @param demo load the Townsend data set and the seed's segment ({@code --demo})
 * @param apiToken {@code CDP_API_TOKEN}, or null to generate one
 * @param postgresPort 0 for any free port ({@code CDP_POSTGRES_PORT})
 * @param kafkaPort 0 for any free port ({@code CDP_KAFKA_PORT})
 * @param secretsKey {@code CDP_SECRETS_KEY}, or null to use the key kept in the data directory (DIR/secrets.key)
 * @param emulatorsPort the Marketo and LinkedIn emulators' port, started with {@code --demo} only ({@code CDP_EMULATORS_PORT})
 * @param consolePort the admin console's port ({@code CDP_CONSOLE_PORT}, 8080)
 * @param consoleAdminPassword the console's {@code admin} password ({@code CDP_CONSOLE_ADMIN_PASSWORD}), or null to generate one
 */
record StandaloneOptions(Path dataDirectory, boolean demo, String apiToken, int postgresPort, int kafkaPort,
                         int ingestionPort, int profilePort, int segmentationPort, int activationPort,
                         String secretsKey, int emulatorsPort, int consolePort, String consoleAdminPassword) {

    static StandaloneOptions parse(String[] args, Map<String, String> env) {
        Path data = Path.of(env.getOrDefault("CDP_DATA_DIR", "data"));
        boolean demo = false;
        for (String arg : args) {
            if (arg.equals("--demo")) {
                demo = true;
            } else if (arg.startsWith("--data-dir=")) {
                data = Path.of(arg.substring("--data-dir=".length()));
            } else if (arg.equals("--help") || arg.equals("-h")) {
                throw new UsageException();
            } else if (!arg.startsWith("--spring.") && !arg.startsWith("--cdp.")) {
                throw new UsageException("Unknown option " + arg);
            }
        }
        String token = env.get("CDP_API_TOKEN");
        String secretsKey = env.get("CDP_SECRETS_KEY");
        String consolePassword = env.get("CDP_CONSOLE_ADMIN_PASSWORD");
        return new StandaloneOptions(data.toAbsolutePath(), demo, token == null || token.isBlank() ? null : token,
                port(env, "CDP_POSTGRES_PORT", 0), port(env, "CDP_KAFKA_PORT", 0),
                port(env, "CDP_INGESTION_PORT", 8081), port(env, "CDP_PROFILE_PORT", 8082),
                port(env, "CDP_SEGMENTATION_PORT", 8083), port(env, "CDP_ACTIVATION_PORT", 8084),
                secretsKey == null || secretsKey.isBlank() ? null : secretsKey.trim(), port(env, "CDP_EMULATORS_PORT", 8090),
                port(env, "CDP_CONSOLE_PORT", 8080), consolePassword == null || consolePassword.isBlank() ? null : consolePassword);
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a port number, got '" + value + "'");
        }
    }

    static final String USAGE = """
            Usage: java -jar standalone/target/tributary-standalone.jar [--demo] [--data-dir=DIR]
              --demo          load the Townsend data set and the seed's segment, start the Marketo and LinkedIn
                              emulators and activate the segment to them, add the console's demo users
                              (marketer/marketer, viewer/viewer), then print where to look
              --data-dir=DIR  where PostgreSQL (DIR/postgres) and Kafka (DIR/kafka) keep their data between runs,
                              with the key sealing destinations' and connector sources' secrets (DIR/secrets.key:
                              keep it, losing it makes them unreadable); default ./data, or CDP_DATA_DIR; stop the standalone before copying it
            The embedded Kafka broker listens on a free port unless CDP_KAFKA_PORT is set.
            Environment: CDP_API_TOKEN (generated and printed when unset), CDP_POSTGRES_PORT, CDP_KAFKA_PORT,
                         CDP_INGESTION_PORT (8081), CDP_PROFILE_PORT (8082), CDP_SEGMENTATION_PORT (8083),
                         CDP_ACTIVATION_PORT (8084), CDP_EMULATORS_PORT (8090, --demo only), CDP_CONSOLE_PORT (8080),
                         CDP_CONSOLE_ADMIN_PASSWORD (the console's admin password; generated and printed when unset),
                         CDP_SECRETS_KEY (base64 of 32 bytes; generated once into DIR/secrets.key when unset)""";

    static final class UsageException extends RuntimeException {
        UsageException() {
            super((String) null);
        }

        UsageException(String message) {
            super(message);
        }
    }
}
