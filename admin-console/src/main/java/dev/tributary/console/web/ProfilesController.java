package dev.tributary.console.web;

import dev.tributary.console.api.ApiResponse;
import dev.tributary.console.api.Service;
import dev.tributary.console.api.ServiceClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Profile search by identity, the unified person and the unified account with what formed them. */
@Controller
class ProfilesController {

    private final ServiceClient client;

    ProfilesController(ServiceClient client) {
        this.client = client;
    }

    @GetMapping("/profiles")
    String search(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q);
        if (q == null || q.isBlank()) {
            return "profiles";
        }
        String term = q.strip();
        List<Map<String, String>> found = new ArrayList<>();
        for (String identity : ProfileSearch.personIdentities(term)) {
            ApiResponse person = client.get(Service.PROFILE, "/v1/persons?identity=" + encode(identity));
            if (person.ok()) {
                found.add(Map.of("kind", "person", "id", String.valueOf(person.map().get("id")), "matched", identity));
                break;
            }
        }
        for (String identity : ProfileSearch.accountIdentities(term)) {
            ApiResponse account = client.get(Service.PROFILE, "/v1/accounts?identity=" + encode(identity));
            if (account.ok()) {
                found.add(Map.of("kind", "account", "id", String.valueOf(account.map().get("id")), "matched", identity));
                break;
            }
        }
        model.addAttribute("found", found);
        return "profiles";
    }

    @GetMapping("/profiles/persons/{id}")
    String person(@PathVariable String id, Model model) {
        ApiResponse person = client.get(Service.PROFILE, "/v1/persons/" + encode(id));
        if (!person.ok()) {
            model.addAttribute("problem", person.problem());
            return "profiles";
        }
        model.addAttribute("person", person.map());
        model.addAttribute("attributes", ProfileSearch.attributes(person.map().get("attributes")));
        model.addAttribute("events", client.get(Service.PROFILE, "/v1/persons/" + encode(id) + "/events").list("items"));
        model.addAttribute("segments", memberOf(String.valueOf(person.map().get("id")), "person"));
        return "person";
    }

    @GetMapping("/profiles/accounts/{id}")
    String account(@PathVariable String id, Model model) {
        ApiResponse account = client.get(Service.PROFILE, "/v1/accounts/" + encode(id));
        if (!account.ok()) {
            model.addAttribute("problem", account.problem());
            return "profiles";
        }
        model.addAttribute("account", account.map());
        model.addAttribute("attributes", ProfileSearch.attributes(account.map().get("attributes")));
        model.addAttribute("links", ProfileSearch.linkReasons(account.list("fragments")));
        model.addAttribute("segments", memberOf(String.valueOf(account.map().get("id")), "account"));
        return "account";
    }

    /** No API lists an entity's segments: each segment of the audience is asked for its explanation (404 = not in). */
    private List<Map<String, Object>> memberOf(String entityId, String audience) {
        List<Map<String, Object>> in = new ArrayList<>();
        for (Map<String, Object> segment : client.get(Service.SEGMENTATION, "/v1/segments").list("items")) {
            if (audience.equals(segment.get("audience"))) {
                ApiResponse explanation = client.get(Service.SEGMENTATION,
                        "/v1/segments/" + encode(String.valueOf(segment.get("id"))) + "/members/" + encode(entityId) + "/explanation");
                if (explanation.ok()) {
                    Map<String, Object> row = new LinkedHashMap<>(segment);
                    row.put("memberSince", explanation.map().get("memberSince"));
                    in.add(row);
                }
            }
        }
        return in;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
