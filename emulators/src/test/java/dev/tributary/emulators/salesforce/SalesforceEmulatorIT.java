package dev.tributary.emulators.salesforce;

import dev.tributary.emulators.EmulatorTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The emulated Salesforce REST API over real HTTP: token, query and queryAll, paging, limits and error bodies. */
class SalesforceEmulatorIT extends EmulatorTestSupport {

    private static final String V = "/services/data/v63.0";
    private SalesforceHandle org;

    @BeforeEach
    void org() {
        org = EMULATORS.addSalesforceInstance("sf-test", "sf-client", "sf-secret");
    }

    private Reply token(String clientId, String secret) {
        return send(request(org.baseUrl() + "/services/oauth2/token").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "client_credentials",
                        "client_id", clientId, "client_secret", secret)))).build());
    }

    private String token() {
        return token("sf-client", "sf-secret").json().get("access_token").asString();
    }

    private Reply get(String pathAndQuery, String token, String batchSize) {
        HttpRequest.Builder request = request(org.baseUrl() + pathAndQuery).header("Authorization", "Bearer " + token);
        if (batchSize != null) {
            request.header("Sforce-Query-Options", "batchSize=" + batchSize);
        }
        return send(request.GET().build());
    }

    private Reply query(String endpoint, String soql, String token) {
        return get(V + "/" + endpoint + "/?q=" + encode(soql), token, null);
    }

    @Test
    void shouldIssueATokenNamingTheInstanceUrlAndRefuseBadCredentialsWithOAuthErrors() {
        Reply ok = token("sf-client", "sf-secret");
        Reply badSecret = token("sf-client", "wrong");
        Reply badClient = token("nobody", "sf-secret");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(ok.json().get("instance_url").asString()).isEqualTo(org.baseUrl());
        assertThat(ok.json().has("expires_in")).isFalse();
        assertThat(badSecret.status()).isEqualTo(400);
        assertThat(badSecret.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(badSecret.json().get("error_description").asString()).isEqualTo("invalid client credentials");
        assertThat(badClient.json().get("error").asString()).isEqualTo("invalid_client_id");
    }

    @Test
    void shouldAnswerAQueryWithAttributesAndTheSelectedFieldsAndTheUsageHeader() {
        org.loadScenario("scenarios/townsend/crm-1.json");

        Reply reply = query("query", "SELECT Id, Name, SystemModstamp FROM Account WHERE SystemModstamp >= 2026-10-01T09:00:00Z", token());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("totalSize").asInt()).isEqualTo(1);
        assertThat(reply.json().get("done").asBoolean()).isTrue();
        assertThat(reply.json().at("/records/0/attributes/type").asString()).isEqualTo("Account");
        assertThat(reply.json().at("/records/0/attributes/url").asString()).isEqualTo(V + "/sobjects/Account/001A1");
        assertThat(reply.json().at("/records/0/Name").asString()).isEqualTo("Townsend Inc.");
        assertThat(reply.json().at("/records/0/SystemModstamp").asString()).isEqualTo("2026-10-01T09:00:00.000+0000");
        assertThat(reply.header("Sforce-Limit-Info")).isEqualTo("api-usage=1/100000");
    }

    @Test
    void shouldShowDeletedRowsToQueryAllOnlyAndBumpTheirSystemModstamp() {
        org.loadScenario("scenarios/townsend/crm-1.json");
        org.delete("Contact", "003P2");
        String token = token();

        Reply query = query("query", "SELECT Id FROM Contact", token);
        Reply all = query("queryAll", "SELECT Id, IsDeleted, SystemModstamp FROM Contact WHERE IsDeleted = true", token);

        assertThat(query.json().get("totalSize").asInt()).isEqualTo(1);
        assertThat(all.json().get("totalSize").asInt()).isEqualTo(1);
        assertThat(all.json().at("/records/0/Id").asString()).isEqualTo("003P2");
        assertThat(all.json().at("/records/0/SystemModstamp").asString()).isNotEqualTo("2026-10-01T09:00:00.000+0000");
    }

    @Test
    void shouldPageByBatchSizeWithNextRecordsUrlsUntilDone() {
        for (int i = 0; i < 450; i++) {
            org.seed("Contact", Map.of("LastName", "L" + i));
        }
        String token = token();

        Reply first = get(V + "/queryAll/?q=" + encode("SELECT Id FROM Contact ORDER BY Id"), token, "200");
        String next = first.json().get("nextRecordsUrl").asString();
        Reply second = get(next, token, "200");
        Reply third = get(second.json().get("nextRecordsUrl").asString(), token, "200");

        assertThat(first.json().get("totalSize").asInt()).isEqualTo(450);
        assertThat(first.json().get("records").size()).isEqualTo(200);
        assertThat(next).matches("/services/data/v63\\.0/query/01g\\w+-200");
        assertThat(third.json().get("records").size()).isEqualTo(50);
        assertThat(third.json().get("done").asBoolean()).isTrue();
        assertThat(third.json().has("nextRecordsUrl")).isFalse();
        org.expireLocators();
        Reply stale = get(next, token, "200");
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.json().at("/0/errorCode").asString()).isEqualTo("INVALID_QUERY_LOCATOR");
    }

    @Test
    void shouldRefuseUnknownObjectsFieldsAndMalformedQueriesWithTheDocumentedCodes() {
        String token = token();

        assertThat(query("query", "SELECT Id FROM Widget", token).json().at("/0/errorCode").asString()).isEqualTo("INVALID_TYPE");
        assertThat(query("query", "SELECT Id, Colour FROM Account", token).json().at("/0/errorCode").asString()).isEqualTo("INVALID_FIELD");
        Reply malformed = query("query", "SELEC Id FROM Account", token);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().at("/0/errorCode").asString()).isEqualTo("MALFORMED_QUERY");
    }

    @Test
    void shouldAnswerInvalidSessionIdToAnExpiredSessionAndRequestLimitExceededPastTheDailyLimit() {
        String token = token();
        org.apiUsage(100_000, 100_000);
        Reply limited = query("query", "SELECT Id FROM Account", token);
        org.expireTokens();
        Reply expired = query("query", "SELECT Id FROM Account", token);

        assertThat(limited.status()).isEqualTo(403);
        assertThat(limited.json().at("/0/errorCode").asString()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(limited.json().at("/0/message").asString()).isEqualTo("TotalRequests Limit exceeded.");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().at("/0/errorCode").asString()).isEqualTo("INVALID_SESSION_ID");
        assertThat(expired.json().at("/0/message").asString()).isEqualTo("Session expired or invalid");
    }

    @Test
    void shouldInjectServerErrorsMalformedPagesAndDelaysAndLogTheQueries() {
        String token = token();
        org.failNextWithStatus(1, 503);
        org.malformNext(1);
        org.delayNext(1, Duration.ofMillis(10));

        assertThat(query("query", "SELECT Id FROM Account", token).status()).isEqualTo(503);
        Reply malformed = query("query", "SELECT Id FROM Account", token);
        assertThat(malformed.status()).isEqualTo(200);
        assertThat(malformed.json()).as("not JSON").isNull();
        assertThat(query("query", "SELECT Id FROM Account", token).status()).isEqualTo(200);
        assertThat(org.stats().injected()).containsEntry("http503", 1L).containsEntry("MALFORMED_PAGE", 1L).containsEntry("delay", 1L);
        assertThat(org.queries()).containsExactly("SELECT Id FROM Account");
    }
}
