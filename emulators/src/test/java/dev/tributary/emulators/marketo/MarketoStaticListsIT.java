package dev.tributary.emulators.marketo;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class MarketoStaticListsIT extends MarketoTestSupport {

    @Test
    void shouldCreateAStaticListFromAFormBodyAndFindItByItsExactName() {
        String token = token();

        Reply created = postForm("/asset/v1/staticLists.json", token,
                Map.of("name", "Tributary: Big spenders", "folder", "{\"id\":12,\"type\":\"Folder\"}", "description", "d"));
        Reply found = get("/asset/v1/staticList/byName.json?name=" + encode("Tributary: Big spenders"), token);
        Reply notFound = get("/asset/v1/staticList/byName.json?name=" + encode("Tributary: Big"), token);

        assertThat(created.json().get("success").asBoolean()).isTrue();
        long id = created.json().get("result").get(0).get("id").asLong();
        assertThat(created.json().get("result").get(0).get("folder").get("type").asString()).isEqualTo("Folder");
        assertThat(found.json().get("result").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(notFound.json().get("success").asBoolean()).isTrue();
        assertThat(notFound.json().has("result")).isFalse();
        assertThat(notFound.json().get("warnings").get(0).asString()).isEqualTo("No assets found for the given search criteria.");
    }

    @Test
    void shouldRefuseADuplicateListNameAJsonBodyAndAMissingFolder() {
        String token = token();
        createList(token, "Audience");

        Reply duplicate = postForm("/asset/v1/staticLists.json", token,
                Map.of("name", "Audience", "folder", "{\"id\":12,\"type\":\"Folder\"}"));
        Reply json = postJson("/asset/v1/staticLists.json", token, "{\"name\":\"Other\"}");
        Reply noFolder = postForm("/asset/v1/staticLists.json", token, Map.of("name", "Other"));

        assertThat(errorCode(duplicate)).isEqualTo("709");
        assertThat(errorCode(json)).isEqualTo("612");
        assertThat(errorCode(noFolder)).isEqualTo("701");
        assertThat(marketo().lists()).hasSize(1);
    }

    @Test
    void shouldAddMembersByIdParametersWithStatusesInInputOrder() {
        String token = token();
        long list = createList(token, "Audience");
        long a = createLead(token, "a@acme.com");
        long b = createLead(token, "b@acme.com");

        Reply added = postJson("/v1/lists/" + list + "/leads.json?id=" + b + "&id=999&id=" + a, token, "");

        assertThat(statuses(added)).containsExactly("added", "skipped", "added");
        assertThat(added.json().get("result").get(1).get("id").asLong()).isEqualTo(999);
        assertThat(added.json().get("result").get(1).get("reasons").get(0).get("code").asString()).isEqualTo("1004");
        assertThat(marketo().memberEmails("Audience")).containsExactly("b@acme.com", "a@acme.com");
    }

    @Test
    void shouldAddAndRemoveMembersGivenAsAJsonInputBody() {
        String token = token();
        long list = createList(token, "Audience");
        long a = createLead(token, "a@acme.com");
        long b = createLead(token, "b@acme.com");
        postJson("/v1/lists/" + list + "/leads.json", token, "{\"input\":[{\"id\":" + a + "},{\"id\":" + b + "}]}");

        Reply removed = deleteJson("/v1/lists/" + list + "/leads.json", token,
                "{\"input\":[{\"id\":" + a + "},{\"id\":" + a + "},{\"id\":12345}]}");

        assertThat(statuses(removed)).containsExactly("removed", "skipped", "skipped");
        assertThat(removed.json().get("result").get(1).get("reasons").get(0).get("code").asString()).isEqualTo("1015");
        assertThat(removed.json().get("result").get(2).get("reasons").get(0).get("code").asString()).isEqualTo("1004");
        assertThat(marketo().memberEmails("Audience")).containsExactly("b@acme.com");
    }

    @Test
    void shouldRemoveMembersByIdQueryParameters() {
        String token = token();
        long list = createList(token, "Audience");
        long a = createLead(token, "a@acme.com");
        postJson("/v1/lists/" + list + "/leads.json?id=" + a, token, "");

        Reply removed = delete("/v1/lists/" + list + "/leads.json?id=" + a, token);

        assertThat(statuses(removed)).containsExactly("removed");
        assertThat(marketo().memberEmails("Audience")).isEmpty();
    }

    @Test
    void shouldAnswer1003ForMoreThan300IdsAndChangeNothing() {
        String token = token();
        long list = createList(token, "Audience");
        long a = createLead(token, "a@acme.com");
        String ids = IntStream.range(0, 301).mapToObj(i -> "{\"id\":" + a + "}").collect(Collectors.joining(","));

        Reply reply = postJson("/v1/lists/" + list + "/leads.json", token, "{\"input\":[" + ids + "]}");

        assertThat(reply.json().get("success").asBoolean()).isFalse();
        assertThat(errorCode(reply)).isEqualTo("1003");
        assertThat(marketo().memberEmails("Audience")).isEmpty();
        assertThat(marketo().stats().violationCount()).isZero();
    }

    @Test
    void shouldAnswer1013ForAnUnknownList() {
        String token = token();
        long a = createLead(token, "a@acme.com");

        assertThat(errorCode(postJson("/v1/lists/4242/leads.json?id=" + a, token, ""))).isEqualTo("1013");
        assertThat(errorCode(get("/v1/lists/4242/leads.json", token))).isEqualTo("1013");
    }

    @Test
    void shouldPageMembersWithANextPageTokenUntilMoreResultIsFalse() {
        String token = token();
        long list = createList(token, "Audience");
        StringBuilder ids = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            ids.append(i == 1 ? "?id=" : "&id=").append(createLead(token, "p" + i + "@acme.com"));
        }
        postJson("/v1/lists/" + list + "/leads.json" + ids, token, "");

        java.util.List<String> emails = new java.util.ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Reply page = get("/v1/lists/" + list + "/leads.json?batchSize=2&fields=email"
                    + (next == null ? "" : "&nextPageToken=" + next), token);
            page.json().get("result").forEach(lead -> emails.add(lead.get("email").asString()));
            next = page.json().get("moreResult").asBoolean() ? page.json().get("nextPageToken").asString() : null;
            pages++;
        } while (next != null);

        assertThat(pages).isEqualTo(3);
        assertThat(emails).containsExactly("p1@acme.com", "p2@acme.com", "p3@acme.com", "p4@acme.com", "p5@acme.com");
    }

    @Test
    void shouldTellMembershipWithIsMember() {
        String token = token();
        long list = createList(token, "Audience");
        long a = createLead(token, "a@acme.com");
        long b = createLead(token, "b@acme.com");
        postJson("/v1/lists/" + list + "/leads.json?id=" + a, token, "");

        Reply reply = get("/v1/lists/" + list + "/leads/ismember.json?id=" + a + "," + b, token);

        assertThat(statuses(reply)).containsExactly("memberof", "notmemberof");
    }
}
