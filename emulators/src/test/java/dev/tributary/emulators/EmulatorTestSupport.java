package dev.tributary.emulators;

import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/** One emulator per test JVM, reset before each test; real HTTP through java.net.http. */
public abstract class EmulatorTestSupport {

    protected static final String MUNCHKIN = "111-AAA-222";
    protected static final String CLIENT_ID = "test-client";
    protected static final String CLIENT_SECRET = "test-secret";
    protected static final String LINKEDIN_TOKEN = "test-linkedin-token";

    protected static final Emulators EMULATORS = Holder.EMULATORS;
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(16, runnable -> {
        Thread thread = new Thread(runnable, "emulator-test-http");
        thread.setDaemon(true);
        return thread;
    });
    protected static final HttpClient HTTP = HttpClient.newBuilder().executor(EXECUTOR).build();

    private static final class Holder {
        static final Emulators EMULATORS = Emulators.builder()
                .marketoInstance(MUNCHKIN, CLIENT_ID, CLIENT_SECRET)
                .marketoInstance("333-CCC-444", "other-client", "other-secret")
                .linkedInToken(LINKEDIN_TOKEN)
                .start();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(EMULATORS::close));
        }
    }

    @BeforeEach
    void resetEmulators() {
        EMULATORS.reset();
    }

    protected static Reply send(HttpRequest request) {
        try {
            return Reply.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static CompletableFuture<Reply> sendAsync(HttpRequest request) {
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(Reply::of);
    }

    protected static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url));
    }

    protected static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    protected static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A response with its body read as JSON (null when the body is not JSON). */
    public record Reply(int status, HttpResponse<String> response, JsonNode json) {

        static Reply of(HttpResponse<String> response) {
            JsonNode json;
            try {
                json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            } catch (Exception e) {
                json = null;
            }
            return new Reply(response.statusCode(), response, json);
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String body() {
            return response.body();
        }
    }
}
