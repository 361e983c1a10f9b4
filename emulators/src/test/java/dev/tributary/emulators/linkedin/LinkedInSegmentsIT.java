package dev.tributary.emulators.linkedin;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LinkedInSegmentsIT extends LinkedInTestSupport {

    @Test
    void shouldCreateASegmentAnswering201WithItsIdInTheRestliAndLinkedInIdHeaders() {
        Reply reply = createSegment("Big spenders", "USER");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("x-restli-id")).matches("\\d+");
        assertThat(reply.header("x-linkedin-id")).isEqualTo(reply.header("x-restli-id"));
        assertThat(linkedIn().segments()).singleElement()
                .satisfies(segment -> assertThat(segment).containsEntry("account", ACCOUNT).containsEntry("type", "USER"));
    }

    @Test
    void shouldRefuseASegmentWithoutAValidAccountOrType() {
        Reply noAccount = send(api("/dmpSegments").POST(HttpRequest.BodyPublishers.ofString(
                "{\"name\":\"x\",\"account\":\"507404993\",\"type\":\"USER\",\"sourcePlatform\":\"T\","
                        + "\"destinations\":[{\"destination\":\"LINKEDIN\"}]}")).build());
        Reply badType = send(api("/dmpSegments").POST(HttpRequest.BodyPublishers.ofString(
                "{\"name\":\"x\",\"account\":\"" + ACCOUNT + "\",\"type\":\"PEOPLE\",\"sourcePlatform\":\"T\","
                        + "\"destinations\":[{\"destination\":\"LINKEDIN\"}]}")).build());

        assertThat(noAccount.status()).isEqualTo(400);
        assertThat(noAccount.json().get("message").asString()).contains("/account");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(linkedIn().segments()).isEmpty();
    }

    @Test
    void shouldFindAnAccountsSegmentsWithStartAndCountPaging() {
        createSegment("A", "USER");
        createSegment("B", "COMPANY");
        createSegment("C", "USER");
        send(api("/dmpSegments").POST(HttpRequest.BodyPublishers.ofString(
                "{\"name\":\"Other\",\"account\":\"urn:li:sponsoredAccount:1\",\"type\":\"USER\",\"sourcePlatform\":\"T\","
                        + "\"destinations\":[{\"destination\":\"LINKEDIN\"}]}")).build());

        Reply page = send(api("/dmpSegments?q=account&account=" + encode(ACCOUNT) + "&start=1&count=5").GET().build());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("paging").get("total").asInt()).isEqualTo(3);
        assertThat(page.json().get("elements").valueStream().map(e -> e.get("name").asString()).toList())
                .containsExactly("B", "C");
        assertThat(page.json().get("elements").get(0).get("destinations").get(0).get("destinationSegmentId").asString())
                .startsWith("urn:li:adSegment:");
    }

    @Test
    void shouldAnswer404ToANewSegmentsFirstLookupAndAcceptUsersAfterwards() {
        long id = Long.parseLong(createSegment("New", "USER").header("x-restli-id"));

        Reply tooEarly = batchCreate(id, "users", user("ADD", "a@acme.com"));
        Reply later = batchCreate(id, "users", user("ADD", "a@acme.com"));

        assertThat(tooEarly.status()).isEqualTo(404);
        assertThat(tooEarly.json().get("message").asString()).isEqualTo("Could not find DMP segment");
        assertThat(later.status()).isEqualTo(200);
        assertThat(linkedIn().hashedEmails(ACCOUNT, "New")).containsExactly(sha256("a@acme.com"));
    }

    @Test
    void shouldAnswer404ForTheConfiguredPeriodAfterCreation() {
        linkedIn().newSegmentsNotFound(0, Duration.ofSeconds(5));
        long id = Long.parseLong(createSegment("New", "USER").header("x-restli-id"));

        assertThat(send(api("/dmpSegments/" + id).GET().build()).status()).isEqualTo(404);
        EMULATORS.advanceClock(Duration.ofSeconds(5));
        Reply ready = send(api("/dmpSegments/" + id).GET().build());

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("destinations").get(0).get("status").asString()).isEqualTo("READY");
    }

    @Test
    void shouldAddAndRemoveHashedEmailsAnsweringEachElementsStatusInInputOrder() {
        long id = readySegment("Audience", "USER");
        batchCreate(id, "users", user("ADD", "a@acme.com") + "," + user("ADD", "b@acme.com"));

        Reply reply = batchCreate(id, "users", user("REMOVE", "a@acme.com")
                + ",{\"action\":\"ADD\",\"userIds\":[{\"idType\":\"SHA256_EMAIL\",\"idValue\":\"c@acme.com\"}]}"
                + "," + user("ADD", "d@acme.com") + "," + user("REMOVE", "never@acme.com"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("elements").valueStream().map(e -> e.get("status").asInt()).toList())
                .containsExactly(201, 400, 201, 201);
        assertThat(reply.json().get("elements").get(1).get("error").get("message").asString()).contains("64 hex");
        assertThat(linkedIn().hashedEmails(ACCOUNT, "Audience")).containsExactly(sha256("b@acme.com"), sha256("d@acme.com"));
    }

    @Test
    void shouldAddAndRemoveCompanies() {
        long id = readySegment("Accounts", "COMPANY");

        Reply added = batchCreate(id, "companies", """
                {"action":"ADD","companyName":"Acme","companyWebsiteDomain":"acme.com"},
                {"action":"ADD","organizationUrn":"urn:li:organization:1337","companyName":"Globex"},
                {"action":"ADD","country":"US"}""");
        Reply removed = batchCreate(id, "companies", "{\"action\":\"REMOVE\",\"companyWebsiteDomain\":\"ACME.com\"}");

        assertThat(added.json().get("elements").valueStream().map(e -> e.get("status").asInt()).toList())
                .containsExactly(201, 201, 400);
        assertThat(removed.json().get("elements").get(0).get("status").asInt()).isEqualTo(201);
        assertThat(linkedIn().companies(ACCOUNT, "Accounts")).singleElement()
                .satisfies(company -> assertThat(company).containsEntry("companyName", "Globex"));
    }

    @Test
    void shouldRefuseUsersOnACompanySegment() {
        long id = readySegment("Accounts", "COMPANY");

        assertThat(batchCreate(id, "users", user("ADD", "a@acme.com")).status()).isEqualTo(400);
    }
}
