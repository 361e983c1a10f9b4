package dev.tributary.profile.query;

import dev.tributary.profile.ProfileIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A profile read the database cannot answer in time is cancelled and answered with a problem, never left hanging. */
@ProfileIntegrationTest
class ReadTimeoutIT {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void shouldAnswer503WhenAReadOutlastsTheStatementTimeout() throws Exception {
        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                // every read of unified profiles now waits for this transaction
                statement.execute("LOCK TABLE profile.unified_profile IN ACCESS EXCLUSIVE MODE");
            }
            long started = System.nanoTime();
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/accounts/acc_waiting"))
                            .header("Authorization", "Bearer test-token").timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            locker.rollback();

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.body()).contains("Query timed out");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            // the test context sets cdp.profile.api.read-timeout-seconds=3
            assertThat(took).isLessThan(Duration.ofSeconds(15));
        }
    }
}
