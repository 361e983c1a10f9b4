package dev.tributary.console.web;

import dev.tributary.console.api.ApiProblem;
import dev.tributary.console.api.ApiResponse;
import dev.tributary.console.api.Service;
import dev.tributary.console.api.ServiceClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tributary.console.web.ProfilesController.encode;

/** Destinations: a form per type (secrets write-only: never shown, left empty to keep the stored one), test. */
@Controller
class DestinationsController {

    /** The config fields of each destination type (activation-service's README); the secrets are password inputs. */
    static final Map<String, List<String>> FIELDS = Map.of(
            "marketo-static-list", List.of("baseUrl", "munchkinId", "clientId", "clientSecret", "folderId"),
            "linkedin-matched-audience", List.of("baseUrl", "accessToken", "adAccount"));
    static final List<String> SECRETS = List.of("clientSecret", "accessToken");

    private final ServiceClient client;

    DestinationsController(ServiceClient client) {
        this.client = client;
    }

    @GetMapping("/destinations/new")
    String form(@RequestParam(defaultValue = "marketo-static-list") String type, Model model) {
        model.addAttribute("type", FIELDS.containsKey(type) ? type : "marketo-static-list");
        model.addAttribute("fields", FIELDS);
        model.addAttribute("secrets", SECRETS);
        model.addAttribute("form", Map.of());
        return "destination-new";
    }

    @PostMapping("/destinations")
    String create(@RequestParam Map<String, String> form, Model model) {
        String type = FIELDS.containsKey(form.get("type")) ? form.get("type") : "marketo-static-list";
        Map<String, Object> config = new LinkedHashMap<>();
        for (String field : FIELDS.get(type)) {
            String value = form.get("config." + field);
            if (value != null && !value.isBlank()) {
                config.put(field, field.equals("folderId") ? Long.valueOf(value.strip()) : value.strip());
            }
        }
        if (type.equals("marketo-static-list")) {
            config.put("createMissingPersons", form.containsKey("config.createMissingPersons"));
        }
        ApiResponse created = client.post(Service.ACTIVATION, "/v1/destinations",
                Map.of("name", form.getOrDefault("name", ""), "type", type, "config", config));
        if (created.ok()) {
            return "redirect:/activations";
        }
        ApiProblem problem = created.problem();
        model.addAttribute("type", type);
        model.addAttribute("fields", FIELDS);
        model.addAttribute("secrets", SECRETS);
        model.addAttribute("problem", problem);
        List<String> formFields = new ArrayList<>(List.of("name"));
        FIELDS.get(type).forEach(field -> formFields.add("config." + field));
        model.addAttribute("unplaced", problem.unplaced(formFields));
        Map<String, String> kept = new LinkedHashMap<>(form);
        SECRETS.forEach(secret -> kept.remove("config." + secret));
        model.addAttribute("form", kept);
        return "destination-new";
    }

    @PostMapping("/destinations/{id}/test")
    String test(@PathVariable String id, RedirectAttributes redirect) {
        ApiResponse answer = client.post(Service.ACTIVATION, "/v1/destinations/" + encode(id) + "/test", null);
        redirect.addFlashAttribute("message", answer.ok() ? "Connection works: " + answer.map().getOrDefault("detail", "ok")
                : "Connection failed: " + answer.problem().title()
                + (answer.problem().detail() == null ? "" : " (" + answer.problem().detail() + ")"));
        return "redirect:/activations";
    }
}
