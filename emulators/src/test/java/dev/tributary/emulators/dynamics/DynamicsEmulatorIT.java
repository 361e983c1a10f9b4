package dev.tributary.emulators.dynamics;

import dev.tributary.emulators.EmulatorTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The emulated Dataverse Web API over real HTTP: token, entity set queries, paging, service protection and errors. */
class DynamicsEmulatorIT extends EmulatorTestSupport {

    private DynamicsHandle env;

    @BeforeEach
    void environment() {
        env = EMULATORS.addDynamicsInstance("d365-test", "d365-client", "d365-secret");
    }

    private Reply token(String clientId, String secret, String scope) {
        return send(request(env.tokenUrl()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "client_credentials", "client_id", clientId,
                        "client_secret", secret, "scope", scope)))).build());
    }

    private String token() {
        return token("d365-client", "d365-secret", env.baseUrl() + "/.default").json().get("access_token").asString();
    }

    private Reply get(String url, String token, String prefer) {
        HttpRequest.Builder request = request(url).header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .header("OData-MaxVersion", "4.0").header("OData-Version", "4.0");
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        return send(request.GET().build());
    }

    private String api(String entitySetAndQuery) {
        return env.baseUrl() + "/api/data/v9.2/" + entitySetAndQuery;
    }

    @Test
    void shouldIssueATokenForTheEnvironmentScopeAndRefuseBadCredentialsWithAadErrors() {
        Reply ok = token("d365-client", "d365-secret", env.baseUrl() + "/.default");
        Reply badSecret = token("d365-client", "wrong", env.baseUrl() + "/.default");
        Reply badClient = token("nobody", "d365-secret", env.baseUrl() + "/.default");
        Reply badScope = token("d365-client", "d365-secret", "https://elsewhere.crm.dynamics.com/.default");

        assertThat(ok.json().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(ok.json().get("expires_in").asLong()).isEqualTo(3599);
        assertThat(badSecret.status()).isEqualTo(401);
        assertThat(badSecret.json().get("error").asString()).isEqualTo("invalid_client");
        assertThat(badSecret.json().get("error_description").asString()).startsWith("AADSTS7000215");
        assertThat(badSecret.json().get("error_codes").get(0).asInt()).isEqualTo(7000215);
        assertThat(badClient.json().get("error_description").asString()).startsWith("AADSTS700016");
        assertThat(badScope.json().get("error").asString()).isEqualTo("invalid_scope");
    }

    @Test
    void shouldSelectFilterOnModifiedonAndOrderWithEtagsAndFormattedValuesWhenAsked() {
        env.loadScenario("scenarios/townsend/crm-2.json");
        env.update("contacts", "con-2003", Map.of("jobtitle", "Head of Procurement"));
        String token = token();

        Reply all = get(api("contacts?$select=contactid,jobtitle,modifiedon&$orderby=modifiedon%20desc"), token, null);
        Reply changed = get(api("contacts?$select=contactid&$filter=modifiedon%20gt%202026-10-01T09:00:00Z"), token, null);
        Reply account = get(api("accounts?$select=accountid,industrycode"), token,
                "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"");

        assertThat(all.json().get("@odata.context").asString()).endsWith("/api/data/v9.2/$metadata#contacts");
        assertThat(all.json().at("/value/0/contactid").asString()).isEqualTo("con-2003");
        assertThat(all.json().at("/value/0/@odata.etag").asString()).startsWith("W/\"");
        assertThat(all.json().at("/value/1/modifiedon").asString()).isEqualTo("2026-10-01T09:00:00Z");
        assertThat(all.json().at("/value/1").has("emailaddress1")).isFalse();
        assertThat(changed.json().get("value")).hasSize(1);
        assertThat(account.json().at("/value/0/industrycode").asInt()).isEqualTo(12);
        assertThat(account.json().at("/value/0/industrycode@OData.Community.Display.V1.FormattedValue").asString()).isEqualTo("Manufacturing");
    }

    @Test
    void shouldPageByMaxPageSizeWithNextLinksUntilAbsent() {
        for (int i = 0; i < 25; i++) {
            env.seed("accounts", Map.of("name", "A" + i));
        }
        String token = token();

        Reply first = get(api("accounts?$select=accountid,name"), token, "odata.maxpagesize=10");
        Reply second = get(first.json().get("@odata.nextLink").asString(), token, "odata.maxpagesize=10");
        Reply third = get(second.json().get("@odata.nextLink").asString(), token, "odata.maxpagesize=10");

        assertThat(first.header("Preference-Applied")).isEqualTo("odata.maxpagesize=10");
        assertThat(first.json().get("value")).hasSize(10);
        assertThat(first.json().get("@odata.nextLink").asString()).startsWith(api("accounts?$select=accountid,name&$skiptoken="));
        assertThat(third.json().get("value")).hasSize(5);
        assertThat(third.json().has("@odata.nextLink")).isFalse();
    }

    @Test
    void shouldEndATrackedQueryWithADeltaLinkThatReportsChangesAndDeletedEntities() {
        env.loadScenario("scenarios/townsend/crm-2.json");
        String token = token();
        String tracked = "odata.maxpagesize=1,odata.track-changes";

        Reply first = get(api("contacts?$select=contactid,jobtitle"), token, tracked);
        Reply second = get(first.json().get("@odata.nextLink").asString(), token, tracked);
        env.update("contacts", "con-2003", Map.of("jobtitle", "Head of Procurement"));
        env.delete("contacts", "con-2002");
        Reply delta = get(second.json().get("@odata.deltaLink").asString(), token, tracked);
        Reply quiet = get(delta.json().get("@odata.deltaLink").asString(), token, tracked);

        assertThat(first.header("Preference-Applied")).contains("odata.track-changes");
        assertThat(first.json().has("@odata.deltaLink")).isFalse();
        assertThat(second.json().get("@odata.deltaLink").asString()).startsWith(api("contacts?$select=contactid,jobtitle&$deltatoken="));
        assertThat(delta.json().get("value")).hasSize(2);
        assertThat(delta.json().at("/value/0/jobtitle").asString()).isEqualTo("Head of Procurement");
        assertThat(delta.json().at("/value/1/id").asString()).isEqualTo("con-2002");
        assertThat(delta.json().at("/value/1/reason").asString()).isEqualTo("deleted");
        assertThat(delta.json().at("/value/1/@odata.context").asString()).endsWith("$metadata#contacts/$deletedEntity");
        assertThat(quiet.json().get("value")).isEmpty();
        assertThat(get(api("contacts?$filter=statecode%20eq%200"), token, tracked).status()).as("$filter with change tracking").isEqualTo(400);
    }

    @Test
    void shouldRefuseUnknownEntitySetsAndPropertiesAndExpiredTokens() {
        String token = token();

        Reply unknownSet = get(api("widgets"), token, null);
        Reply unknownProperty = get(api("accounts?$select=colour"), token, null);
        env.expireTokens();
        Reply expired = get(api("accounts"), token, null);

        assertThat(unknownSet.status()).isEqualTo(404);
        assertThat(unknownSet.json().at("/error/code").asString()).isEqualTo("0x80060888");
        assertThat(unknownProperty.status()).isEqualTo(400);
        assertThat(unknownProperty.json().at("/error/message").asString()).contains("Could not find a property named 'colour'");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void shouldThrottleWithRetryAfterWhenInjectedAndPastTheServiceProtectionWindow() {
        String token = token();
        env.throttleNext(1, Duration.ofSeconds(7));
        Reply injected = get(api("accounts"), token, null);

        assertThat(injected.status()).isEqualTo(429);
        assertThat(injected.header("Retry-After")).isEqualTo("7");
        assertThat(injected.json().at("/error/code").asString()).isEqualTo("0x80072322");
        assertThat(injected.json().at("/error/message").asString())
                .isEqualTo("Number of requests exceeded the limit of 6000 over time window of 300 seconds.");
        assertThat(env.stats().injected()).containsEntry("THROTTLE", 1L);

        EMULATORS.freezeClock();
        env.serviceProtection(2, Duration.ofSeconds(300));
        get(api("accounts"), token, null);
        EMULATORS.advanceClock(Duration.ofSeconds(100));
        get(api("accounts"), token, null);
        Reply throttled = get(api("accounts"), token, null);
        EMULATORS.advanceClock(Duration.ofSeconds(200));
        Reply admitted = get(api("accounts"), token, null);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).as("until the first call leaves the window").isEqualTo("200");
        assertThat(admitted.status()).isEqualTo(200);
    }

    @Test
    void shouldInjectServerErrorsAndMalformedPagesAndLogTheFilters() {
        String token = token();
        env.failNextWithStatus(1, 500);
        env.malformNext(1);

        assertThat(get(api("accounts"), token, null).status()).isEqualTo(500);
        Reply malformed = get(api("accounts"), token, null);
        assertThat(malformed.status()).isEqualTo(200);
        assertThat(malformed.json()).isNull();
        get(api("accounts?$filter=modifiedon%20ge%202026-10-01T09:00:00Z"), token, null);
        assertThat(env.calls()).filteredOn(c -> c.kind().equals("query")).extracting(DynamicsOrg.LoggedCall::filter)
                .containsExactly("modifiedon ge 2026-10-01T09:00:00Z");
    }
}
