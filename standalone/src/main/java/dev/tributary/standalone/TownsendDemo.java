package dev.tributary.standalone;

import dev.tributary.emulators.Emulators;
import dev.tributary.emulators.marketo.MarketoHandle;
import dev.tributary.xdm.json.XdmJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the seed's scenario through the public APIs, as a user would: the Townsend records as an
 * NDJSON batch, p2's visit of the new product page as an experience event, and the seed's segment, then activates
 * the segment to an emulated Marketo 1 static list and an emulated LinkedIn ad account.
 * Safe to run on every start: records and the event are idempotent, the source, segment and destinations are reused;
 * the emulators start empty, so the demo's activations are stopped and created again.
 */
final class TownsendDemo {

    private static final Logger log = LoggerFactory.getLogger(TownsendDemo.class);

    static final String SEGMENT_NAME = "Townsend seed: $1M+ won across the company, viewed the new product page";
    static final String SEED_QUERY = """
            sum(accounts.opportunities.amount where isWon = true) > 1000000
            and exists(events where eventType = "web.webpagedetails.pageViews"
                                and url contains "/products/new"
                                and timestamp in last 1 month)""";

    /** Marketo 1 of the data set: its records' source keys are {@code {leadId}@mkto-1.Marketo}, so its munchkin id. */
    static final String MARKETO_1 = "mkto-1";
    static final String MARKETO_CLIENT_ID = "townsend-demo-client";
    static final String MARKETO_CLIENT_SECRET = "townsend-demo-secret";
    static final String LINKEDIN_TOKEN = "townsend-demo-linkedin-token";
    static final String LINKEDIN_AD_ACCOUNT = "urn:li:sponsoredAccount:510000001";
    static final String MARKETO_DESTINATION = "Townsend demo: Marketo 1";
    static final String LINKEDIN_DESTINATION = "Townsend demo: LinkedIn";
    static final String LIST_NAME = "Townsend seed: $1M+ won, viewed the new product page";
    /** The Marketo 1 leads the data set's mkto-1 person records describe: {@code 101@mkto-1.Marketo}, {@code 102@...}. */
    private static final Map<Long, Map<String, Object>> MARKETO_1_LEADS = Map.of(
            101L, Map.of("email", "p1@townsend.com", "firstName", "Pat", "lastName", "One"),
            102L, Map.of("email", "p2@townsend.com", "firstName", "Sam", "lastName", "Two"));

    /** What the demo created: the seed segment and the two destinations its activations deliver to. */
    record Loaded(String segmentId, String marketoDestinationId, String linkedInDestinationId) {
    }

    private final StandaloneUrls urls;
    private final String token;
    private final Emulators emulators;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TownsendDemo(StandaloneUrls urls, String token, Emulators emulators) {
        this.urls = urls;
        this.token = token;
        this.emulators = emulators;
    }

    /**
     * The Marketo and LinkedIn emulators of the demo: Marketo 1 holding the leads of the data set's Marketo 1 records
     * under their ids, and a LinkedIn API accepting the demo's token (ADR 0025).
     */
    static Emulators startEmulators(int port) {
        Emulators emulators = Emulators.builder().port(port)
                .marketoInstance(MARKETO_1, MARKETO_CLIENT_ID, MARKETO_CLIENT_SECRET)
                .linkedInToken(LINKEDIN_TOKEN)
                .start();
        MarketoHandle marketo = emulators.marketo(MARKETO_1);
        MARKETO_1_LEADS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(lead -> marketo.seedLead(lead.getKey(), lead.getValue()));
        return emulators;
    }

    Loaded load() {
        String sourceId = findOrCreateSource();
        JsonNode batch = send("POST", urls.ingestion() + "/v1/sources/" + sourceId + "/records", "application/x-ndjson",
                dataSet(), 202);
        log.info("Townsend demo: {} records accepted, {} rejected", batch.get("accepted"), batch.get("rejected"));

        ObjectNode pageView = XdmJson.mapper().createObjectNode();
        pageView.put("_id", "townsend-demo-p2-new-product-page");
        pageView.put("timestamp", Instant.now().minus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        pageView.put("eventType", "web.webpagedetails.pageViews");
        pageView.put("personKey", "102@mkto-1.Marketo");
        pageView.putObject("web").putObject("webPageDetails")
                .put("URL", "https://bodea.com/products/new").put("name", "New product");
        send("POST", urls.ingestion() + "/v1/events", "application/json", pageView.toString(), 202);

        String account = urls.profile() + "/v1/accounts?identity=" + encode("b2b_account:T-1@mdm-1.MDM");
        JsonNode townsend = waitFor(() -> tryGet(account)
                .filter(a -> a.get("fragments").size() == 5 && a.get("opportunities").size() == 2));
        String segmentId = findOrCreateSegment();
        // the backfill then reads p2 among the members rather than racing the segment's first evaluation
        poll(() -> tryGet(urls.segmentation() + "/v1/segments/" + segmentId + "/members")
                .filter(members -> !members.path("items").isEmpty()));
        String marketo = putDestination(MARKETO_DESTINATION, "marketo-static-list", XdmJson.mapper().createObjectNode()
                .put("baseUrl", emulators.marketo(MARKETO_1).baseUrl()).put("munchkinId", MARKETO_1)
                .put("clientId", MARKETO_CLIENT_ID).put("clientSecret", MARKETO_CLIENT_SECRET)
                .put("createMissingPersons", true));
        String linkedIn = putDestination(LINKEDIN_DESTINATION, "linkedin-matched-audience", XdmJson.mapper().createObjectNode()
                .put("baseUrl", emulators.linkedIn().baseUrl()).put("accessToken", LINKEDIN_TOKEN)
                .put("adAccount", LINKEDIN_AD_ACCOUNT));
        List<String> activations = List.of(activate(segmentId, marketo, "listName"), activate(segmentId, linkedIn, "audienceName"));
        System.out.printf("""

                Townsend demo loaded.
                  the unified Townsend account  %s/v1/accounts/%s   (won total %s across %s opportunities)
                  p2 across both lines          %s/v1/persons?identity=email:p2@townsend.com
                  the seed's segment            %s/v1/segments/%s/members
                  why p2 is a member            %s/v1/segments/%s/members/<person id>/explanation
                  its activations               %s/v1/activations/%s (Marketo 1), %s/v1/activations/%s (LinkedIn)
                  the emulated Marketo 1        %s/_emulator/marketo/%s   (static list '%s', no token)
                  the emulated LinkedIn         %s/_emulator/linkedin   (USER segment '%s' in %s, no token)
                """, urls.profile(), townsend.get("id").asString(), townsend.get("totals").get("wonAmount").asString(),
                townsend.get("totals").get("opportunities"), urls.profile(), urls.segmentation(), segmentId,
                urls.segmentation(), segmentId, urls.activation(), activations.get(0), urls.activation(), activations.get(1),
                emulators.baseUrl(), MARKETO_1, LIST_NAME, emulators.baseUrl(), LIST_NAME, LINKEDIN_AD_ACCOUNT);
        return new Loaded(segmentId, marketo, linkedIn);
    }

    /** Creates the destination, or points the existing one at this run's emulators. */
    private String putDestination(String name, String type, ObjectNode config) {
        ObjectNode body = XdmJson.mapper().createObjectNode().put("name", name).put("type", type);
        body.set("config", config);
        for (JsonNode destination : send("GET", urls.activation() + "/v1/destinations", null, null, 200).path("items")) {
            if (name.equals(destination.path("name").asString())) {
                String id = destination.get("id").asString();
                send("PUT", urls.activation() + "/v1/destinations/" + id, "application/json", body.toString(), 200);
                return id;
            }
        }
        return send("POST", urls.activation() + "/v1/destinations", "application/json", body.toString(), 201).get("id").asString();
    }

    /**
     * Activates the segment to the destination. The emulators start empty, so an activation left by an earlier run
     * names a list they no longer hold: it is stopped and a new one creates the list and backfills it.
     */
    private String activate(String segmentId, String destinationId, String nameField) {
        for (JsonNode activation : send("GET", urls.activation() + "/v1/activations", null, null, 200).path("items")) {
            if (segmentId.equals(activation.path("segmentId").asString())
                    && destinationId.equals(activation.path("destinationId").asString())
                    && !"stopped".equals(activation.path("status").asString())) {
                send("DELETE", urls.activation() + "/v1/activations/" + activation.get("id").asString() + "?clear=false",
                        null, null, 200);
            }
        }
        ObjectNode body = XdmJson.mapper().createObjectNode().put("segmentId", segmentId).put("destinationId", destinationId)
                .put(nameField, LIST_NAME);
        return send("POST", urls.activation() + "/v1/activations", "application/json", body.toString(), 201)
                .get("id").asString();
    }

    /** The demo file holds the records of these instances; its source must be allowed to write them (ADR 0023). */
    private static final List<String> DEMO_INSTANCES = List.of("crm-1", "crm-2", "mdm-1", "mkto-1", "mkto-2");

    private String findOrCreateSource() {
        JsonNode sources = send("GET", urls.ingestion() + "/v1/sources", null, null, 200);
        JsonNode list = sources.isArray() ? sources : sources.path("items");
        for (JsonNode source : list) {
            if ("townsend-demo".equals(source.path("instanceId").asString())
                    && source.path("instanceIds").values().stream().map(JsonNode::asString).toList().containsAll(DEMO_INSTANCES)) {
                return source.get("id").asString();
            }
        }
        ObjectNode source = XdmJson.mapper().createObjectNode()
                .put("name", "Townsend demo").put("type", "file").put("instanceId", "townsend-demo");
        DEMO_INSTANCES.forEach(source.putArray("instanceIds")::add);
        return send("POST", urls.ingestion() + "/v1/sources", "application/json", source.toString(), 201).get("id").asString();
    }

    private String findOrCreateSegment() {
        JsonNode segments = send("GET", urls.segmentation() + "/v1/segments", null, null, 200);
        JsonNode list = segments.isArray() ? segments : segments.path("items");
        for (JsonNode segment : list) {
            if (SEGMENT_NAME.equals(segment.path("name").asString())) {
                return segment.get("id").asString();
            }
        }
        ObjectNode body = XdmJson.mapper().createObjectNode();
        body.put("name", SEGMENT_NAME);
        body.put("audience", "person");
        body.put("query", SEED_QUERY);
        body.put("evaluation", "streaming");
        return send("POST", urls.segmentation() + "/v1/segments", "application/json", body.toString(), 201)
                .get("id").asString();
    }

    private static String dataSet() {
        try (InputStream in = TownsendDemo.class.getResourceAsStream("/demo/townsend.ndjson")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<JsonNode> tryGet(String url) {
        try {
            HttpResponse<String> response = http.send(request("GET", url, null, null), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(XdmJson.mapper().readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static <T> T waitFor(java.util.function.Supplier<Optional<T>> probe) {
        return poll(probe).orElseThrow(() -> new IllegalStateException("The Townsend demo data did not become visible within 60 s"));
    }

    private static <T> Optional<T> poll(java.util.function.Supplier<Optional<T>> probe) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return Optional.empty();
    }

    private JsonNode send(String method, String url, String contentType, String body, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request(method, url, contentType, body), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return XdmJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest request(String method, String url, String contentType, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
