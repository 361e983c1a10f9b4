package dev.tributary.emulators.marketo;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class MarketoIdentityIT extends MarketoTestSupport {

    @Test
    void shouldIssueABearerTokenWhoseExpiresInCountsDownAndIsReusedUntilItExpires() {
        EMULATORS.freezeClock();
        Reply first = identity(CLIENT_ID, CLIENT_SECRET);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("token_type").asString()).isEqualTo("bearer");
        assertThat(first.json().get("expires_in").asLong()).isEqualTo(3600);
        assertThat(first.json().get("scope").asString()).isNotBlank();

        EMULATORS.advanceClock(Duration.ofSeconds(100));
        Reply second = identity(CLIENT_ID, CLIENT_SECRET);

        assertThat(second.json().get("access_token").asString()).isEqualTo(first.json().get("access_token").asString());
        assertThat(second.json().get("expires_in").asLong()).isEqualTo(3500);
    }

    @Test
    void shouldTakeTheClientCredentialsAsFormParametersOfAPost() {
        Reply reply = send(request(marketo().identityUrl() + "/oauth/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + CLIENT_ID
                        + "&client_secret=" + CLIENT_SECRET)).build());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("access_token").asString()).isNotBlank();
    }

    @Test
    void shouldAnswer401ToBadClientCredentials() {
        assertThat(identity(CLIENT_ID, "wrong").status()).isEqualTo(401);
        assertThat(identity("other-client", "other-secret").status()).as("another instance's credentials").isEqualTo(401);
    }

    @Test
    void shouldAnswer602InsideAnHttp200OnceTheTokenHasExpired() {
        String token = token();
        assertThat(get("/v1/leads.json?filterType=email&filterValues=a@x.com", token).json().get("success").asBoolean()).isTrue();

        EMULATORS.advanceClock(Duration.ofSeconds(3600));
        Reply expired = get("/v1/leads.json?filterType=email&filterValues=a@x.com", token);

        assertThat(expired.status()).isEqualTo(200);
        assertThat(expired.json().get("success").asBoolean()).isFalse();
        assertThat(errorCode(expired)).isEqualTo("602");
        String renewed = token();
        assertThat(renewed).isNotEqualTo(token);
        assertThat(get("/v1/leads.json?filterType=email&filterValues=a@x.com", renewed).json().get("success").asBoolean()).isTrue();
    }

    @Test
    void shouldAnswer602AfterTheExpireAllTokensSwitch() {
        String token = token();

        marketo().expireTokens();

        assertThat(errorCode(get("/v1/leads.json?filterType=email&filterValues=a@x.com", token))).isEqualTo("602");
    }

    @Test
    void shouldAnswer601ToAnUnknownOrMissingTokenWithoutCountingItAgainstTheLimits() {
        Reply unknown = get("/v1/leads.json?filterType=email&filterValues=a@x.com", "not-a-token");
        Reply missing = send(request(marketo().restUrl() + "/v1/leads.json?filterType=email&filterValues=a@x.com").GET().build());

        assertThat(unknown.status()).isEqualTo(200);
        assertThat(errorCode(unknown)).isEqualTo("601");
        assertThat(errorCode(missing)).isEqualTo("601");
        assertThat(marketo().stats().violationCount()).isZero();
    }

    @Test
    void shouldAcceptTheAccessTokenQueryParameter() {
        String token = token();

        Reply reply = send(request(marketo().restUrl() + "/v1/leads.json?filterType=email&filterValues=a@x.com&access_token="
                + token).GET().build());

        assertThat(reply.json().get("success").asBoolean()).isTrue();
    }

    @Test
    void shouldKeepEachInstancesTokensToItself() {
        String token = token();
        MarketoHandle other = EMULATORS.marketo("333-CCC-444");

        Reply reply = send(request(other.restUrl() + "/v1/leads.json?filterType=email&filterValues=a@x.com")
                .header("Authorization", "Bearer " + token).GET().build());

        assertThat(errorCode(reply)).isEqualTo("601");
    }

    @Test
    void shouldAnswer404ForAnUnknownMunchkinId() {
        Reply reply = send(request(EMULATORS.baseUrl() + "/marketo/999-ZZZ-999/identity/oauth/token?grant_type=client_credentials"
                + "&client_id=a&client_secret=b").GET().build());

        assertThat(reply.status()).isEqualTo(404);
    }
}
