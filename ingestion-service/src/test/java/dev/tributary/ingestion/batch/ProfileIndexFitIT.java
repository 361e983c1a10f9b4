package dev.tributary.ingestion.batch;

import dev.tributary.ingestion.IngestionIntegrationTest;
import dev.tributary.xdm.validation.XdmLimits;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The largest values the door lets through fit the btree indexes profile-service keeps them in (its Flyway
 * migrations V1 and V4), on the real PostgreSQL 17: the sizes of ADR 0023 are measured, not guessed. Random
 * letters stand for the worst case, as PostgreSQL compresses index entries and repetitive text would hide the limit.
 */
@IngestionIntegrationTest
class ProfileIndexFitIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void shouldFitTheLargestAcceptedKeysIdentitiesEventTypesAndUrlsInProfileServicesIndexes() {
        transactions.executeWithoutResult(tx -> {
            createProfileIndexes();
            // 4-byte characters: the limits count UTF-8 bytes, as the index does
            jdbc.sql("INSERT INTO pg_temp.identity_link VALUES (?, 'person', ?, ?)")
                    .params(random(XdmLimits.MAX_KEY_BYTES / 4, true), random(XdmLimits.MAX_NAMESPACE_BYTES / 4, true),
                            random(XdmLimits.MAX_KEY_BYTES / 4, true)).update();
            jdbc.sql("INSERT INTO pg_temp.experience_event VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(random(XdmLimits.MAX_KEY_BYTES, false), random(XdmLimits.MAX_NAMESPACE_BYTES, false),
                            random(XdmLimits.MAX_KEY_BYTES, false), random(XdmLimits.MAX_EVENT_TYPE_BYTES, false),
                            Timestamp.from(Instant.parse("9999-12-31T23:59:59Z")), random(XdmLimits.MAX_URL_BYTES, false),
                            "per_" + random(36, false)).update();
            tx.setRollbackOnly();
        });
    }

    @Test
    void shouldNotFitAnEightKilobyteUrlInTheEventTypeIndex() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            createProfileIndexes();
            jdbc.sql("INSERT INTO pg_temp.experience_event VALUES (?, 'email', 'p@x.com', 'web.webpagedetails.pageViews', now(), ?, 'per_1')")
                    .params(random(16, false), random(8 * 1024, false)).update();
        })).hasMessageContaining("index row");
        assertThat(XdmLimits.MAX_URL_BYTES).isLessThan(8 * 1024);
    }

    private void createProfileIndexes() {
        jdbc.sql("""
                CREATE TEMP TABLE identity_link (fragment_key text NOT NULL, entity_type text NOT NULL,
                    namespace text NOT NULL, value text NOT NULL, PRIMARY KEY (fragment_key, namespace, value))
                ON COMMIT DROP""").update();
        jdbc.sql("CREATE INDEX ON pg_temp.identity_link (entity_type, namespace, value)").update();
        jdbc.sql("""
                CREATE TEMP TABLE experience_event (event_id text PRIMARY KEY, identity_ns text NOT NULL,
                    identity_value text NOT NULL, event_type text NOT NULL, ts timestamptz NOT NULL, url text,
                    person_id text) ON COMMIT DROP""").update();
        jdbc.sql("CREATE INDEX ON pg_temp.experience_event (identity_ns, identity_value, ts)").update();
        jdbc.sql("CREATE INDEX ON pg_temp.experience_event (event_type, ts) INCLUDE (person_id, url)").update();
    }

    /** Random text of {@code length} characters: ASCII letters and digits, or 4-byte characters (emoji). */
    private static String random(int length, boolean fourByte) {
        StringBuilder text = new StringBuilder();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < length; i++) {
            if (fourByte) {
                text.appendCodePoint(0x1F300 + RANDOM.nextInt(0x300));
            } else {
                text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
            }
        }
        return text.toString();
    }
}
