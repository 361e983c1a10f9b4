package dev.tributary.ingestion.event;

import dev.tributary.ingestion.IngestionApi;
import dev.tributary.ingestion.IngestionIntegrationTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestContextManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever body reaches {@code POST /v1/events}, the answer is 202 or a 4xx problem detail, never a 5xx. The class
 * joins the suite's one Spring context through Spring's TestContextManager, as jqwik runs outside JUnit Jupiter.
 */
@IngestionIntegrationTest
class EventsEndpointProperties {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Set<Integer> EXPECTED = Set.of(202, 400, 413);

    private static final List<String> PIECES = List.of(
            "{\"_id\":\"p-1\",\"timestamp\":\"2026-11-02T09:30:00Z\",\"eventType\":\"web.webpagedetails.pageViews\",\"personKey\":\"1@mkto-1.Marketo\"}",
            "{\"_id\":\"p-2\",\"timestamp\":\"+300000-01-01T00:00:00Z\",\"eventType\":\"x\",\"personKey\":\"1@mkto-1.Marketo\"}",
            "{\"_id\":\"p-3\",\"timestamp\":\"2026-11-02T09:30:00Z\",\"eventType\":\"x\",\"identityMap\":{\"email\":[{\"id\":\"a\\u0000@b.com\"}]}}",
            "{\"_id\":\"p-4\",\"timestamp\":\"2026-11-02T09:30:00Z\",\"eventType\":\"x\",\"identityMap\":{\"Email\":{\"id\":1}}}",
            "{\"_id\":\"p-5\",\"timestamp\":\"2026-11-02T09:30:00Z\",\"eventType\":\"x\",\"personKey\":\"1@mkto-1.Marketo\",\"v\":1e400}",
            "{\"_id\":\"p-6\",\"timestamp\":\"2026-11-02T09:30:00Z\",\"eventType\":\"x\",\"personKey\":{\"sourceKey\":7}}",
            "{}", "[]", "null", "1e999999", "\"s\"", "true", "{\"a\":", "[{}", "\\ud800", "\"\\ud800\"", "{\"\\u0000\":1}",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "{\"_id\":[],\"timestamp\":{},\"eventType\":null}");

    @LocalServerPort
    int port;

    @BeforeProperty
    void joinTheSuitesSpringContext() throws Exception {
        new TestContextManager(getClass()).prepareTestInstance(this);
    }

    @Property(tries = 150)
    void shouldAnswerAnyBodyWithoutServerError(@ForAll("bodies") byte[] body) {
        HttpResponse<String> response = post(body);

        assertThat(response.statusCode()).as("%s for %s", response.body(), new String(body)).isIn(EXPECTED);
        if (response.statusCode() != 202) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    private HttpResponse<String> post(byte[] body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/events"))
                    .header("Authorization", "Bearer " + IngestionApi.TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(PIECES), Arbitraries.strings().ofMaxLength(20),
                Arbitraries.strings().withChars("{}[]\":,\\u0abtrue1e.-+ ").ofMaxLength(30));
        Arbitrary<String> array = piece.list().ofMaxSize(8).map(p -> "[" + String.join(",", p) + "]");
        Arbitrary<String> text = Arbitraries.oneOf(piece, array, piece.list().ofMaxSize(3).map(p -> String.join(" ", p)));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, text.map(String::getBytes)), net.jqwik.api.Tuple.of(1, raw));
    }
}
