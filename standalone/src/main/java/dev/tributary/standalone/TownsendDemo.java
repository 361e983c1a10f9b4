package dev.tributary.standalone;

import dev.tributary.emulators.Emulators;
import dev.tributary.xdm.json.XdmJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the seed's scenario through the public APIs, as a user would: five connector sources pull Townsend from the
 * emulated Marketo 1 and 2, Salesforce crm-1, Dynamics crm-2 and the MDM export in the data directory (ADR 0027), then
 * the seed's segment is created and activated to an emulated Marketo 1 static list and an emulated LinkedIn ad account.
 * Safe to run on every start: the sources, segment and destinations are reused and pointed at this run's emulators,
 * pulled records are idempotent; the emulators start empty, so the demo's activations are stopped and created again.
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
    static final String MARKETO_2 = "mkto-2";
    static final String SALESFORCE = "crm-1";
    static final String DYNAMICS = "crm-2";
    static final String MDM = "mdm-1";
    static final String MARKETO_CLIENT_ID = "townsend-demo-client";
    static final String MARKETO_CLIENT_SECRET = "townsend-demo-secret";
    static final String CRM_CLIENT_ID = "townsend-demo-crm-client";
    static final String CRM_CLIENT_SECRET = "townsend-demo-crm-secret";
    static final String LINKEDIN_TOKEN = "townsend-demo-linkedin-token";
    static final String LINKEDIN_AD_ACCOUNT = "urn:li:sponsoredAccount:510000001";
    static final String MARKETO_DESTINATION = "Townsend demo: Marketo 1";
    static final String LINKEDIN_DESTINATION = "Townsend demo: LinkedIn";
    static final String LIST_NAME = "Townsend seed: $1M+ won, viewed the new product page";
    static final String SCENARIO = "scenarios/townsend/";
    static final String SCHEDULE = "PT15M";
    /** The demo's sources by name, in the order they are created and run. */
    static final List<String> SOURCE_NAMES = List.of("Marketo 1", "Marketo 2", "CRM 1", "CRM 2", "MDM");

    /** What the demo created: the seed segment, the two destinations its activations deliver to, its sources by name. */
    record Loaded(String segmentId, String marketoDestinationId, String linkedInDestinationId, Map<String, String> sourceIds) {
    }

    private final StandaloneUrls urls;
    private final Emulators emulators;
    private final Path dataDirectory;
    private final DemoApi api;

    TownsendDemo(StandaloneUrls urls, String token, Emulators emulators, Path dataDirectory) {
        this.urls = urls;
        this.api = new DemoApi(token);
        this.emulators = emulators;
        this.dataDirectory = dataDirectory;
    }

    /**
     * The emulators of the demo, each loaded with its slice of the Townsend scenario (Marketo mkto-1 and mkto-2,
     * Salesforce crm-1, Dynamics crm-2), and a LinkedIn API accepting the demo's token (ADR 0025).
     */
    static Emulators startEmulators(int port) {
        Emulators emulators = Emulators.builder().port(port)
                .marketoInstance(MARKETO_1, MARKETO_CLIENT_ID, MARKETO_CLIENT_SECRET)
                .marketoInstance(MARKETO_2, MARKETO_CLIENT_ID, MARKETO_CLIENT_SECRET)
                .salesforceInstance(SALESFORCE, CRM_CLIENT_ID, CRM_CLIENT_SECRET)
                .dynamicsInstance(DYNAMICS, CRM_CLIENT_ID, CRM_CLIENT_SECRET)
                .linkedInToken(LINKEDIN_TOKEN)
                .start();
        emulators.marketo(MARKETO_1).loadScenario(SCENARIO + MARKETO_1 + ".json");
        emulators.marketo(MARKETO_2).loadScenario(SCENARIO + MARKETO_2 + ".json");
        emulators.salesforce(SALESFORCE).loadScenario(SCENARIO + SALESFORCE + ".json");
        emulators.dynamics(DYNAMICS).loadScenario(SCENARIO + DYNAMICS + ".json");
        return emulators;
    }

    /** The MDM export the MDM source reads: {@code DIR/demo/mdm-1.ndjson}, the golden record T-1. */
    static Path mdmFile(Path dataDirectory) {
        return dataDirectory.resolve("demo").resolve(MDM + ".ndjson");
    }

    Loaded load() {
        Path mdm = writeMdmFile();
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, String> runs = new LinkedHashMap<>();
        for (Map.Entry<String, ObjectNode> source : sourceDefinitions(mdm).entrySet()) {
            String id = putSource(source.getKey(), source.getValue());
            sources.put(source.getKey(), id);
            runs.put(source.getKey(), startRun(id));
        }
        runs.forEach((name, run) -> {
            JsonNode finished = DemoApi.waitFor(() -> api.tryGet(urls.ingestion() + "/v1/sources/" + sources.get(name) + "/runs/" + run)
                    .filter(r -> !"running".equals(r.path("status").asString())), "the run of source " + name);
            if (!"succeeded".equals(finished.path("status").asString())) {
                throw new IllegalStateException("The Townsend demo's run of " + name + " failed: " + finished.path("error").asString());
            }
            log.info("Townsend demo: {} read {} records, published {}, rejected {}, {} events", name,
                    finished.path("recordsRead"), finished.path("recordsPublished"), finished.path("recordsRejected"),
                    finished.path("eventsPublished"));
        });

        String account = urls.profile() + "/v1/accounts?identity=" + DemoApi.encode("b2b_account:T-1@mdm-1.MDM");
        JsonNode townsend = DemoApi.waitFor(() -> api.tryGet(account)
                .filter(a -> a.get("fragments").size() == 5 && a.get("opportunities").size() == 2), "the unified Townsend account");
        String segmentId = findOrCreateSegment();
        // the backfill then reads p2 among the members rather than racing the segment's first evaluation
        DemoApi.poll(() -> api.tryGet(urls.segmentation() + "/v1/segments/" + segmentId + "/members")
                .filter(members -> !members.path("items").isEmpty()));
        String marketo = putDestination(MARKETO_DESTINATION, "marketo-static-list", XdmJson.mapper().createObjectNode()
                .put("baseUrl", emulators.marketo(MARKETO_1).baseUrl()).put("munchkinId", MARKETO_1)
                .put("clientId", MARKETO_CLIENT_ID).put("clientSecret", MARKETO_CLIENT_SECRET)
                .put("createMissingPersons", true));
        String linkedIn = putDestination(LINKEDIN_DESTINATION, "linkedin-matched-audience", XdmJson.mapper().createObjectNode()
                .put("baseUrl", emulators.linkedIn().baseUrl()).put("accessToken", LINKEDIN_TOKEN)
                .put("adAccount", LINKEDIN_AD_ACCOUNT));
        List<String> activations = List.of(activate(segmentId, marketo, "listName"), activate(segmentId, linkedIn, "audienceName"));
        StringBuilder sourceLines = new StringBuilder();
        sources.forEach((name, id) -> sourceLines.append(String.format("  %-28s  %s/v1/sources/%s/runs%n",
                "source '" + name + "'", urls.ingestion(), id)));
        System.out.printf("""

                Townsend demo loaded, pulled from five emulated systems (each source runs every 15 minutes; its runs:)
                %s  the unified Townsend account  %s/v1/accounts/%s   (won total %s across %s opportunities)
                  p2 across both lines          %s/v1/persons?identity=email:p2@townsend.com
                  the seed's segment            %s/v1/segments/%s/members
                  why p2 is a member            %s/v1/segments/%s/members/<person id>/explanation
                  its activations               %s/v1/activations/%s (Marketo 1), %s/v1/activations/%s (LinkedIn)
                  the emulated Marketo 1        %s/_emulator/marketo/%s   (static list '%s', no token)
                  the emulated Salesforce, Dynamics  %s/_emulator/salesforce/%s, %s/_emulator/dynamics/%s
                  the MDM export                %s
                  the emulated LinkedIn         %s/_emulator/linkedin   (USER segment '%s' in %s, no token)
                """, sourceLines, urls.profile(), townsend.get("id").asString(), townsend.get("totals").get("wonAmount").asString(),
                townsend.get("totals").get("opportunities"), urls.profile(), urls.segmentation(), segmentId,
                urls.segmentation(), segmentId, urls.activation(), activations.get(0), urls.activation(), activations.get(1),
                emulators.baseUrl(), MARKETO_1, LIST_NAME, emulators.baseUrl(), SALESFORCE, emulators.baseUrl(), DYNAMICS,
                mdm, emulators.baseUrl(), LIST_NAME, LINKEDIN_AD_ACCOUNT);
        return new Loaded(segmentId, marketo, linkedIn, Map.copyOf(sources));
    }

    /** Creates the destination, or points the existing one at this run's emulators. */
    private String putDestination(String name, String type, ObjectNode config) {
        ObjectNode body = XdmJson.mapper().createObjectNode().put("name", name).put("type", type);
        body.set("config", config);
        for (JsonNode destination : api.send("GET", urls.activation() + "/v1/destinations", null, null, 200).path("items")) {
            if (name.equals(destination.path("name").asString())) {
                String id = destination.get("id").asString();
                api.send("PUT", urls.activation() + "/v1/destinations/" + id, "application/json", body.toString(), 200);
                return id;
            }
        }
        return api.send("POST", urls.activation() + "/v1/destinations", "application/json", body.toString(), 201).get("id").asString();
    }

    /**
     * Activates the segment to the destination. The emulators start empty, so an activation left by an earlier run
     * names a list they no longer hold: it is stopped and a new one creates the list and backfills it.
     */
    private String activate(String segmentId, String destinationId, String nameField) {
        for (JsonNode activation : api.send("GET", urls.activation() + "/v1/activations", null, null, 200).path("items")) {
            if (segmentId.equals(activation.path("segmentId").asString())
                    && destinationId.equals(activation.path("destinationId").asString())
                    && !"stopped".equals(activation.path("status").asString())) {
                api.send("DELETE", urls.activation() + "/v1/activations/" + activation.get("id").asString() + "?clear=false",
                        null, null, 200);
            }
        }
        ObjectNode body = XdmJson.mapper().createObjectNode().put("segmentId", segmentId).put("destinationId", destinationId)
                .put(nameField, LIST_NAME);
        return api.send("POST", urls.activation() + "/v1/activations", "application/json", body.toString(), 201)
                .get("id").asString();
    }

    /** The five sources of the demo by name: type, instance and configuration pointing at this run's emulators. */
    private Map<String, ObjectNode> sourceDefinitions(Path mdm) {
        Map<String, ObjectNode> sources = new LinkedHashMap<>();
        sources.put("Marketo 1", source("marketo", MARKETO_1, marketoConfig(MARKETO_1, SALESFORCE, "salesforce")));
        sources.put("Marketo 2", source("marketo", MARKETO_2, marketoConfig(MARKETO_2, DYNAMICS, "dynamics")));
        sources.put("CRM 1", source("salesforce", SALESFORCE, XdmJson.mapper().createObjectNode()
                .put("baseUrl", emulators.salesforce(SALESFORCE).baseUrl())
                .put("clientId", CRM_CLIENT_ID).put("clientSecret", CRM_CLIENT_SECRET)));
        sources.put("CRM 2", source("dynamics", DYNAMICS, XdmJson.mapper().createObjectNode()
                .put("baseUrl", emulators.dynamics(DYNAMICS).baseUrl()).put("tokenUrl", emulators.dynamics(DYNAMICS).tokenUrl())
                .put("clientId", CRM_CLIENT_ID).put("clientSecret", CRM_CLIENT_SECRET)));
        sources.put("MDM", source("mdm", MDM, XdmJson.mapper().createObjectNode().put("location", mdm.toString())));
        return sources;
    }

    private ObjectNode marketoConfig(String munchkinId, String crmInstanceId, String crmType) {
        return XdmJson.mapper().createObjectNode()
                .put("baseUrl", emulators.marketo(munchkinId).baseUrl()).put("munchkinId", munchkinId)
                .put("clientId", MARKETO_CLIENT_ID).put("clientSecret", MARKETO_CLIENT_SECRET)
                .put("crmInstanceId", crmInstanceId).put("crmType", crmType)
                // the emulator moves a bulk export one step at each status poll: no need to wait between polls
                .put("bulkPollSeconds", 0);
    }

    private static ObjectNode source(String type, String instanceId, ObjectNode config) {
        ObjectNode source = XdmJson.mapper().createObjectNode().put("type", type).put("instanceId", instanceId);
        source.set("config", config);
        source.putObject("schedule").put("interval", SCHEDULE);
        return source;
    }

    /** Creates the source, or points the existing one (a later start's) at this run's emulators and MDM file. */
    private String putSource(String name, ObjectNode definition) {
        JsonNode sources = api.send("GET", urls.ingestion() + "/v1/sources", null, null, 200);
        for (JsonNode source : sources.isArray() ? sources : sources.path("items")) {
            if (name.equals(source.path("name").asString())
                    && definition.get("type").asString().equals(source.path("type").asString())) {
                String id = source.get("id").asString();
                ObjectNode edit = XdmJson.mapper().createObjectNode();
                edit.set("config", definition.get("config"));
                edit.set("schedule", definition.get("schedule"));
                api.send("PUT", urls.ingestion() + "/v1/sources/" + id, "application/json", edit.toString(), 200);
                return id;
            }
        }
        ObjectNode body = definition.deepCopy().put("name", name);
        return api.send("POST", urls.ingestion() + "/v1/sources", "application/json", body.toString(), 201).get("id").asString();
    }

    /**
     * Starts a run of the source and answers its id. A new interval schedule is due at once, so the scheduler may hold
     * the source's lease already: its running run is then the one to wait for.
     */
    private String startRun(String sourceId) {
        String runs = urls.ingestion() + "/v1/sources/" + sourceId + "/runs";
        HttpResponse<String> started = api.call("POST", runs, "application/json", "{}");
        if (started.statusCode() == 202) {
            return XdmJson.mapper().readTree(started.body()).get("id").asString();
        }
        if (started.statusCode() != 409) {
            throw new IllegalStateException("POST " + runs + " answered " + started.statusCode() + ": " + started.body());
        }
        return DemoApi.waitFor(() -> api.tryGet(runs + "?limit=1").map(r -> r.path("items").path(0))
                .filter(run -> "running".equals(run.path("status").asString())).map(run -> run.get("id").asString())
                .or(() -> Optional.ofNullable(api.call("POST", runs, "application/json", "{}"))
                        .filter(r -> r.statusCode() == 202).map(r -> XdmJson.mapper().readTree(r.body()).get("id").asString())),
                "a run of source " + sourceId);
    }

    /** Writes the MDM export of the golden record T-1 into the data directory, as an MDM system would drop it. */
    private Path writeMdmFile() {
        Path file = mdmFile(dataDirectory);
        try (InputStream in = TownsendDemo.class.getResourceAsStream("/" + SCENARIO + MDM + ".ndjson")) {
            Files.createDirectories(file.getParent());
            Files.write(file, in.readAllBytes());
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String findOrCreateSegment() {
        JsonNode segments = api.send("GET", urls.segmentation() + "/v1/segments", null, null, 200);
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
        return api.send("POST", urls.segmentation() + "/v1/segments", "application/json", body.toString(), 201)
                .get("id").asString();
    }
}
