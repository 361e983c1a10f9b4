package dev.tributary.emulators.linkedin;

import dev.tributary.emulators.LimitMode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LinkedInProtocolIT extends LinkedInTestSupport {

    private Reply finder(HttpRequest.Builder builder) {
        return send(builder.GET().build());
    }

    private HttpRequest.Builder bare(String token, String version, String protocol) {
        HttpRequest.Builder builder = request(linkedIn().restUrl() + "/dmpSegments?q=account&account=" + encode(ACCOUNT));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (version != null) {
            builder.header("LinkedIn-Version", version);
        }
        if (protocol != null) {
            builder.header("X-Restli-Protocol-Version", protocol);
        }
        return builder;
    }

    @Test
    void shouldAnswer400WithoutTheVersionOrProtocolHeaders() {
        Reply noVersion = finder(bare(LINKEDIN_TOKEN, null, "2.0.0"));
        Reply badVersion = finder(bare(LINKEDIN_TOKEN, "2026-01", "2.0.0"));
        Reply noProtocol = finder(bare(LINKEDIN_TOKEN, VERSION, null));
        Reply ok = finder(bare(LINKEDIN_TOKEN, VERSION, "2.0.0"));

        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.json().get("code").asString()).isEqualTo("VERSION_MISSING");
        assertThat(badVersion.status()).isEqualTo(400);
        assertThat(noProtocol.status()).isEqualTo(400);
        assertThat(ok.status()).isEqualTo(200);
    }

    @Test
    void shouldAnswer426ToAVersionNoLongerOrNotYetActive() {
        Reply old = finder(bare(LINKEDIN_TOKEN, "202001", "2.0.0"));

        assertThat(old.status()).isEqualTo(426);
        assertThat(old.json().get("code").asString()).isEqualTo("NONEXISTENT_VERSION");
    }

    @Test
    void shouldAnswer400ToBatchCreateWithoutTheRestliMethodHeader() {
        long id = readySegment("Audience", "USER");

        Reply reply = send(api("/dmpSegments/" + id + "/users")
                .POST(HttpRequest.BodyPublishers.ofString("{\"elements\":[" + user("ADD", "a@acme.com") + "]}")).build());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("message").asString()).contains("BATCH_CREATE");
        assertThat(linkedIn().hashedEmails(ACCOUNT, "Audience")).isEmpty();
    }

    @Test
    void shouldAnswer401ToAnUnknownMissingOrExpiredToken() {
        assertThat(finder(bare("nope", VERSION, "2.0.0")).status()).isEqualTo(401);
        assertThat(finder(bare(null, VERSION, "2.0.0")).status()).isEqualTo(401);

        linkedIn().expireTokens();
        Reply expired = finder(bare(LINKEDIN_TOKEN, VERSION, "2.0.0"));

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().get("code").asString()).isEqualTo("EXPIRED_ACCESS_TOKEN");
        linkedIn().addToken("renewed");
        assertThat(finder(bare("renewed", VERSION, "2.0.0")).status()).isEqualTo(200);
    }

    @Test
    void shouldAnswer429OnceAMembersCallsPerMinuteAreUsedAndCountNoViolation() {
        EMULATORS.freezeClock();
        long id = readySegment("Audience", "USER");
        long companies = readySegment("Accounts", "COMPANY");
        linkedIn().callsPerMinute(3, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(batchCreate(id, "users", user("ADD", "a" + i + "@acme.com")).status()).isEqualTo(200);
        }

        Reply throttled = batchCreate(id, "users", user("ADD", "x@acme.com"));

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(linkedIn().stats().refused()).containsEntry("429", 1L);
        assertThat(linkedIn().stats().violationCount()).isZero();
        assertThat(linkedIn().hashedEmails(ACCOUNT, "Audience")).hasSize(3);
        assertThat(batchCreate(companies, "companies", "{\"action\":\"ADD\",\"companyName\":\"Acme\"}").status())
                .as("/companies has its own limit").isEqualTo(200);
        EMULATORS.advanceClock(Duration.ofMinutes(1));
        assertThat(batchCreate(id, "users", user("ADD", "x@acme.com")).status()).isEqualTo(200);
    }

    @Test
    void shouldServeAndCountARateViolationWhenLimitsAreObserved() {
        long id = readySegment("Audience", "USER");
        linkedIn().callsPerMinute(1, 1);
        linkedIn().limitMode(LimitMode.OBSERVE);

        batchCreate(id, "users", user("ADD", "a@acme.com"));
        Reply over = batchCreate(id, "users", user("ADD", "b@acme.com"));

        assertThat(over.status()).isEqualTo(200);
        assertThat(linkedIn().stats().violations()).containsEntry("rate", 1L);
    }

    @Test
    void shouldAnswerInjected429AndServerErrorsToTheNextCallsOnly() {
        long id = readySegment("Audience", "USER");
        linkedIn().failNextWithStatus(2, 429);
        linkedIn().failNextWithStatus(1, 503);

        Reply first = batchCreate(id, "users", user("ADD", "a@acme.com"));
        Reply second = batchCreate(id, "users", user("ADD", "a@acme.com"));
        Reply third = batchCreate(id, "users", user("ADD", "a@acme.com"));
        Reply fourth = batchCreate(id, "users", user("ADD", "a@acme.com"));

        assertThat(first.status()).isEqualTo(429);
        assertThat(second.status()).isEqualTo(429);
        assertThat(third.status()).isEqualTo(503);
        assertThat(fourth.status()).isEqualTo(200);
        assertThat(linkedIn().stats().injected()).containsEntry("http429", 2L).containsEntry("http503", 1L);
        assertThat(linkedIn().stats().violationCount()).isZero();
    }

    @Test
    void shouldRefuseMoreElementsThanOneCallTakes() {
        long id = readySegment("Audience", "USER");
        StringBuilder elements = new StringBuilder();
        for (int i = 0; i < 5001; i++) {
            elements.append(i == 0 ? "" : ",").append(user("ADD", "p" + i + "@acme.com"));
        }

        Reply reply = batchCreate(id, "users", elements.toString());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(linkedIn().hashedEmails(ACCOUNT, "Audience")).isEmpty();
    }
}
