package dev.tributary.emulators.marketo;

import dev.tributary.emulators.EmulatorTestSupport;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/** A minimal Marketo client over real HTTP for the emulator's tests. */
abstract class MarketoTestSupport extends EmulatorTestSupport {

    protected MarketoHandle marketo() {
        return EMULATORS.marketo(MUNCHKIN);
    }

    protected Reply identity(String clientId, String clientSecret) {
        return send(request(marketo().identityUrl() + "/oauth/token?grant_type=client_credentials&client_id="
                + encode(clientId) + "&client_secret=" + encode(clientSecret)).GET().build());
    }

    protected String token() {
        Reply reply = identity(CLIENT_ID, CLIENT_SECRET);
        return reply.json().get("access_token").asString();
    }

    protected Reply get(String path, String token) {
        return send(request(marketo().restUrl() + path).header("Authorization", "Bearer " + token).GET().build());
    }

    protected HttpRequest getRequest(String path, String token) {
        return request(marketo().restUrl() + path).header("Authorization", "Bearer " + token).GET().build();
    }

    protected Reply postJson(String path, String token, String json) {
        return send(request(marketo().restUrl() + path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    protected Reply postForm(String path, String token, Map<String, String> params) {
        return send(request(marketo().restUrl() + path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))).build());
    }

    protected Reply delete(String path, String token) {
        return send(request(marketo().restUrl() + path).header("Authorization", "Bearer " + token).DELETE().build());
    }

    protected Reply deleteJson(String path, String token, String json) {
        return send(request(marketo().restUrl() + path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    protected long createLead(String token, String email) {
        Reply reply = postJson("/v1/leads.json", token,
                "{\"action\":\"createOrUpdate\",\"lookupField\":\"email\",\"input\":[{\"email\":\"" + email + "\"}]}");
        return reply.json().get("result").get(0).get("id").asLong();
    }

    protected long createList(String token, String name) {
        Reply reply = postForm("/asset/v1/staticLists.json", token,
                Map.of("name", name, "folder", "{\"id\":12,\"type\":\"Folder\"}"));
        return reply.json().get("result").get(0).get("id").asLong();
    }

    protected static String errorCode(Reply reply) {
        return reply.json().get("errors").get(0).get("code").asString();
    }

    protected static List<String> statuses(Reply reply) {
        return reply.json().get("result").valueStream().map(r -> r.get("status").asString()).toList();
    }
}
