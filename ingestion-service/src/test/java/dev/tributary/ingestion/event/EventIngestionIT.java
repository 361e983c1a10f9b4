package dev.tributary.ingestion.event;

import dev.tributary.ingestion.IngestionApi;
import dev.tributary.ingestion.IngestionIntegrationTest;
import dev.tributary.ingestion.PublishedMessages;
import dev.tributary.ingestion.PublishedMessages.Published;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.tributary.ingestion.XdmFixtures.pageView;
import static org.assertj.core.api.Assertions.assertThat;

@IngestionIntegrationTest
class EventIngestionIT {

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    IngestionApi api;
    PublishedMessages events;

    @BeforeEach
    void setUp() {
        api = new IngestionApi(port);
        events = PublishedMessages.on(environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                "cdp.xdm.events.v1");
    }

    @AfterEach
    void tearDown() {
        events.close();
    }

    @Test
    void shouldPublishValidEventsAndRejectInvalidOnesByIndex() {
        String sourceId = api.createSource("Website");
        String byPersonKey = UUID.randomUUID().toString();
        String byEmail = UUID.randomUUID().toString();
        String body = "[" + pageView(byPersonKey, "\"personKey\":\"1001@mkto-1.Marketo\"") + ","
                + "{\"_id\":\"no-time\",\"eventType\":\"web.webpagedetails.pageViews\",\"personKey\":\"1001@mkto-1.Marketo\"},"
                + pageView(byEmail, "\"identityMap\":{\"Email\":[{\"id\":\" P3@Townsend.com \"}]}") + "]";

        IngestionApi.Response response = api.postJson("/v1/events?sourceId=" + sourceId, body);

        assertThat(response.status()).as("%s", response.body()).isEqualTo(202);
        assertThat(response.body().get("accepted").intValue()).isEqualTo(2);
        assertThat(response.body().get("rejected").intValue()).isEqualTo(1);
        assertThat(response.body().get("errors").get(0).get("index").intValue()).isEqualTo(1);
        assertThat(response.body().get("errors").get(0).get("message").stringValue()).isEqualTo("/timestamp: is required");

        List<Published> published = events.await(p -> Set.of(byPersonKey, byEmail).contains(id(p)), 2);
        assertThat(published).allSatisfy(p -> {
            assertThat(p.envelope().get("type").stringValue()).isEqualTo("xdm.event");
            assertThat(p.payload().get("sourceId").stringValue()).isEqualTo(sourceId);
            assertThat(p.payload().at("/event/timestamp").stringValue()).isEqualTo("2026-11-02T08:30:00Z");
        });
        assertThat(published).filteredOn(p -> id(p).equals(byPersonKey)).singleElement()
                .satisfies(p -> assertThat(p.key()).isEqualTo("1001@mkto-1.Marketo"));
        assertThat(published).filteredOn(p -> id(p).equals(byEmail)).singleElement()
                .satisfies(p -> assertThat(p.key()).isEqualTo("email:p3@townsend.com"));
    }

    @Test
    void shouldAcceptSingleEventWithoutSource() {
        String id = UUID.randomUUID().toString();

        IngestionApi.Response response = api.postJson("/v1/events", pageView(id, "\"personKey\":\"7@mkto-2.Marketo\""));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().get("accepted").intValue()).isEqualTo(1);
        assertThat(events.await(p -> id.equals(id(p)), 1)).singleElement()
                .satisfies(p -> assertThat(p.payload().path("sourceId").isMissingNode()
                        || p.payload().get("sourceId").isNull()).isTrue());
    }

    @Test
    void shouldRejectEventLargerThanAKafkaMessageAndPublishTheOthers() {
        String small = UUID.randomUUID().toString();
        StringBuilder large = new StringBuilder("{\"_id\":\"large\",\"timestamp\":\"2026-11-02T09:30:00Z\","
                + "\"eventType\":\"x\",\"personKey\":\"1001@mkto-1.Marketo\"");
        for (int i = 0; i < 5; i++) {
            large.append(",\"note").append(i).append("\":\"").append("n".repeat(60_000)).append('"');
        }
        large.append('}');

        IngestionApi.Response response = api.postJson("/v1/events",
                "[" + large + "," + pageView(small, "\"personKey\":\"1001@mkto-1.Marketo\"") + "]");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.body().get("accepted").intValue()).isEqualTo(1);
        assertThat(response.body().at("/errors/0/index").intValue()).isZero();
        assertThat(response.body().at("/errors/0/message").stringValue())
                .startsWith("/: the event is larger than a Kafka message may be once normalised");
        assertThat(events.await(p -> small.equals(id(p)), 1)).hasSize(1);
    }

    @Test
    void shouldAnswer400WhenBodyIsNeitherObjectNorArray() {
        IngestionApi.Response response = api.postJson("/v1/events", "\"page view\"");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("title").stringValue()).isEqualTo("Invalid events body");
        assertThat(api.postJson("/v1/events", "{not json").status()).isEqualTo(400);
    }

    private static String id(Published published) {
        return published.payload().at("/event/_id").stringValue();
    }
}
