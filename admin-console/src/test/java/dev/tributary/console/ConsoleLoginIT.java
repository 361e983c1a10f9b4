package dev.tributary.console;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console on its own, every service unreachable (port 9 refuses): login, roles and CSRF, and pages that still
 * render and say what is missing. The browser tests on the standalone cover the pages with data.
 */
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=admin-console", "cdp.console.api-key=unused",
                "cdp.console.ingestion-url=http://localhost:9", "cdp.console.profile-url=http://localhost:9",
                "cdp.console.segmentation-url=http://localhost:9", "cdp.console.activation-url=http://localhost:9",
                "cdp.console.sample-interval=1h"})
class ConsoleLoginIT {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void users(DynamicPropertyRegistry registry) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        String hash = bcrypt.encode("viewer-password");
        registry.add("cdp.console.users[0].name", () -> "vera");
        registry.add("cdp.console.users[0].password-hash", () -> hash);
        registry.add("cdp.console.users[0].role", () -> "VIEWER");
    }

    @Test
    void shouldRefuseAWrongPasswordAndKeepThePagesClosed() throws Exception {
        Session session = new Session();
        HttpResponse<String> login = session.login("vera", "wrong");

        assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/login?error");
        HttpResponse<String> overview = session.get("/");
        assertThat(overview.statusCode()).isEqualTo(302);
        assertThat(overview.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void shouldRenderTheReadingPagesSayingWhatToDoWhenNoServiceAnswers() throws Exception {
        Session session = new Session();
        session.login("vera", "viewer-password");

        for (String page : new String[]{"/", "/profiles", "/segments", "/activations", "/sources"}) {
            HttpResponse<String> answer = session.get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            assertThat(answer.body()).as(page).contains("<nav aria-label=\"Main\">", "class=\"empty\"");
        }
        assertThat(session.get("/profiles?q=p2@townsend.com").body()).contains("Nothing has this identity");
    }

    @Test
    void shouldRefuseAViewerTheSegmentBuilderAndAnAudienceChange() throws Exception {
        Session session = new Session();
        session.login("vera", "viewer-password");

        assertThat(session.get("/segments/new").statusCode()).isEqualTo(403);
        assertThat(session.get("/segments").body()).doesNotContain("id=\"new-segment\"");
        HttpResponse<String> create = session.post("/segments", "name=x&audience=person&query=x", true);
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(create.body()).contains("does not allow");
    }

    @Test
    void shouldRefuseAFormPostedWithoutItsCsrfToken() throws Exception {
        Session session = new Session();
        session.login("vera", "viewer-password");

        assertThat(session.post("/segments/preview", "query=x", false).statusCode()).isEqualTo(403);
    }

    /** A browser's cookies and the CSRF token of the last form it read. */
    private final class Session {
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        private String csrf;

        HttpResponse<String> get(String path) throws Exception {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher token = CSRF.matcher(answer.body());
            if (token.find()) {
                csrf = token.group(1);
            }
            return answer;
        }

        HttpResponse<String> post(String path, String form, boolean withCsrf) throws Exception {
            String body = withCsrf ? form + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8) : form;
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> login(String user, String password) throws Exception {
            get("/login");
            return post("/login", "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8), true);
        }
    }
}
