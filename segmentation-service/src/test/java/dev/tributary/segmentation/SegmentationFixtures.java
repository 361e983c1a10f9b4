package dev.tributary.segmentation;

import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.json.XdmJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Townsend data set, fed through the real ingestion service, and the segments the issue names. */
public final class SegmentationFixtures {

    /** The seed audience (docs/segment-language.md). */
    public static final String SEED_QUERY = """
            sum(accounts.opportunities.amount where isWon = true) > 1000000
            and exists(events where eventType = "web.webpagedetails.pageViews"
                                and url contains "/products/new"
                                and timestamp in last 1 month)""";

    public static final String PRODUCT_PAGE = "https://bodea.com/products/new";
    public static final String P1_MARKETO = "101@mkto-1.Marketo";
    public static final String P2_MARKETO = "102@mkto-1.Marketo";
    public static final String P3_MARKETO = "202@mkto-2.Marketo";

    private SegmentationFixtures() {
    }

    /** Profile tables as profile-service's own fixtures clear them, and every segmentation table. */
    public static void truncate(JdbcClient jdbc) {
        // an evaluation running on the scheduler may hold locks the truncation needs: retry a deadlock victim
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            jdbc.sql("TRUNCATE segmentation.segment, segmentation.evaluation, segmentation.membership,"
                    + " segmentation.membership_history, segmentation.membership_count, segmentation.outbox,"
                    + " segmentation.segment_failure").update();
            jdbc.sql("""
                    TRUNCATE profile.fragment, profile.identity_link, profile.identity_profile, profile.identity_rejection,
                             profile.identity_hub, profile.unified_profile, profile.unified_person, profile.unified_account,
                             profile.profile_alias, profile.person_account_link, profile.opportunity, profile.opportunity_person,
                             profile.campaign, profile.campaign_member, profile.marketing_list, profile.marketing_list_member,
                             profile.experience_event""").update();
            return true;
        });
    }

    /** The data set's lines, keyed by their primary source key, in file order. */
    public static Map<String, ObjectNode> townsendLines() {
        Map<String, ObjectNode> lines = new LinkedHashMap<>();
        try (InputStream in = SegmentationFixtures.class.getResourceAsStream("/demo/townsend.ndjson")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    ObjectNode node = (ObjectNode) XdmJson.mapper().readTree(line);
                    lines.put(primaryKey(node), node);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return lines;
    }

    private static String primaryKey(JsonNode line) {
        JsonNode data = line.get("data");
        for (String field : List.of("accountKey", "personKey", "opportunityKey", "opportunityPersonKey", "campaignKey",
                "campaignMemberKey", "accountPersonKey", "marketingListKey", "marketingListMemberKey")) {
            String suffix = field.substring(0, field.length() - 3);
            if (data.has(field) && line.get("class").asString().equals(suffix)) {
                return data.get(field).asString();
            }
        }
        throw new IllegalArgumentException("no primary key in " + line);
    }

    /**
     * Creates a file source on the ingestion service, declaring the instances the lines' own keys belong to, and posts
     * the lines to it as one NDJSON batch.
     */
    public static void ingest(Iterable<? extends JsonNode> lines) {
        SegmentationApi ingestion = new SegmentationApi(UpstreamServices.ingestionPort());
        Set<String> instances = new TreeSet<>();
        lines.forEach(line -> instances.add(SourceKey.parse(primaryKey(line)).sourceInstanceId()));
        SegmentationApi.Response source = ingestion.post("/v1/sources", SegmentationApi.json(Map.of(
                "name", "Townsend " + UUID.randomUUID(), "type", "file", "instanceId", "townsend-file",
                "instanceIds", List.copyOf(instances))));
        assertThat(source.status()).as("source creation: %s", source.body()).isEqualTo(201);
        StringBuilder ndjson = new StringBuilder();
        lines.forEach(l -> ndjson.append(XdmJson.mapper().writeValueAsString(l)).append('\n'));
        SegmentationApi.Response batch = ingestion.postNdjson("/v1/sources/" + source.body().get("id").asString() + "/records",
                ndjson.toString());
        assertThat(batch.status()).as("batch: %s", batch.body()).isEqualTo(202);
    }

    /** The seed's state from scratch: Townsend ingested, p2's product-page view 20 days ago, unified. */
    public static void loadSeedScenario(JdbcClient jdbc) {
        truncate(jdbc);
        ingestTownsend();
        pageView(P2_MARKETO, Instant.now().minus(Duration.ofDays(20)));
        awaitTownsendUnified(jdbc, 1);
    }

    public static void ingestTownsend() {
        ingest(townsendLines().values());
    }

    /** A line of the data set re-sent later with changes (a newer lastUpdatedDate wins). */
    public static ObjectNode changed(String key, Instant lastUpdated, Map<String, Object> fields) {
        ObjectNode line = townsendLines().get(key).deepCopy();
        ObjectNode data = (ObjectNode) line.get("data");
        fields.forEach((name, value) -> data.set(name, XdmJson.mapper().valueToTree(value)));
        ((ObjectNode) data.get("extSourceSystemAudit")).put("lastUpdatedDate", lastUpdated.toString());
        return line;
    }

    public static void pageView(String personKey, Instant at) {
        ObjectNode event = XdmJson.mapper().createObjectNode();
        event.put("_id", UUID.randomUUID().toString());
        event.put("timestamp", at.toString());
        event.put("eventType", "web.webpagedetails.pageViews");
        event.put("personKey", personKey);
        event.putObject("web").putObject("webPageDetails").put("URL", PRODUCT_PAGE).put("name", "New product");
        SegmentationApi.Response response = new SegmentationApi(UpstreamServices.ingestionPort())
                .post("/v1/events", SegmentationApi.json(event));
        assertThat(response.status()).as("event: %s", response.body()).isEqualTo(202);
    }

    /** Waits until profile-service unified the data set: three people, one company, both opportunities on it. */
    public static void awaitTownsendUnified(JdbcClient jdbc, int events) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(jdbc.sql("SELECT count(*) FROM profile_read.person").query(Long.class).single()).isEqualTo(3);
            assertThat(jdbc.sql("SELECT count(DISTINCT account_id) FROM profile_read.opportunity WHERE is_won")
                    .query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT count(*) FROM profile_read.opportunity WHERE account_id IS NOT NULL")
                    .query(Long.class).single()).isEqualTo(2);
            assertThat(jdbc.sql("SELECT count(*) FROM profile_read.event").query(Long.class).single()).isEqualTo(events);
        });
    }

    public static String personId(JdbcClient jdbc, String email) {
        return jdbc.sql("SELECT person_id FROM profile_read.person WHERE email = ?").param(email).query(String.class).single();
    }

    public static Set<String> activeMembers(JdbcClient jdbc, String segmentId) {
        return new TreeSet<>(jdbc.sql("SELECT entity_id FROM segmentation.membership WHERE segment_id = ? AND active")
                .param(segmentId).query(String.class).list());
    }

    /** Emails of the active members of a person segment, as the members API lists them. */
    public static Set<String> memberEmails(SegmentationApi api, String segmentId) {
        SegmentationApi.Response page = api.get("/v1/segments/" + segmentId + "/members?limit=1000");
        assertThat(page.status()).isEqualTo(200);
        Set<String> emails = new TreeSet<>();
        page.body().get("items").forEach(i -> emails.add(i.path("email").asString()));
        return emails;
    }

    /** Creates a segment through the API and returns its id. */
    public static String createSegment(SegmentationApi api, String name, String audience, String query, String evaluation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("audience", audience);
        body.put("query", query);
        body.put("evaluation", evaluation);
        SegmentationApi.Response created = api.post("/v1/segments", SegmentationApi.json(body));
        assertThat(created.status()).as("segment creation: %s", created.body()).isEqualTo(201);
        return created.body().get("id").asString();
    }
}
