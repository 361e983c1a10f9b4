package dev.tributary.activation;

import dev.tributary.embedded.EmbeddedPostgresServer;
import dev.tributary.embedded.SharedInfrastructure;
import dev.tributary.emulators.Emulators;
import org.flywaydb.core.Flyway;

/**
 * Started once per test JVM: profile-service's schema and {@code profile_read} views (its own Flyway migrations,
 * so tests write people where profile-service would), a segmentation members API, and the emulators.
 */
public final class TestUpstreams {

    public static final String TOKEN = "test-token";
    /** 32 bytes, base64: the tests' secrets key. */
    public static final String SECRETS_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private static SegmentationStub segmentation;
    private static Emulators emulators;

    private TestUpstreams() {
    }

    public static synchronized void start() {
        if (segmentation != null) {
            return;
        }
        EmbeddedPostgresServer pg = SharedInfrastructure.postgres();
        Flyway.configure().dataSource(pg.jdbcUrl(), pg.username(), pg.password())
                .schemas("profile", "profile_read").defaultSchema("profile").createSchemas(true)
                .locations("classpath:db/migration/profile").load().migrate();
        segmentation = SegmentationStub.start(TOKEN);
        emulators = Emulators.builder()
                // every call over a limit is served and counted, so tests can assert there were none
                .property("cdp.emulators.marketo.limit-mode", "observe")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulators.close();
            segmentation.close();
        }, "activation-upstreams-stop"));
    }

    public static SegmentationStub segmentation() {
        start();
        return segmentation;
    }

    public static Emulators emulators() {
        start();
        return emulators;
    }
}
