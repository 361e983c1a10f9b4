package dev.tributary.console.web;

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

import java.util.List;
import java.util.Map;

import static dev.tributary.console.web.ProfilesController.encode;

/** API keys (admin): create (the key is shown once, on the page answering the creation), list, revoke. */
@Controller
class ApiKeysController {

    static final List<String> SCOPES = List.of("admin", "ingest", "segments", "read");

    private final ServiceClient client;

    ApiKeysController(ServiceClient client) {
        this.client = client;
    }

    @GetMapping("/api-keys")
    String list(Model model) {
        model.addAttribute("keys", client.get(Service.PROFILE, "/v1/api-keys").list("keys"));
        model.addAttribute("scopes", SCOPES);
        return "api-keys";
    }

    @PostMapping("/api-keys")
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(required = false) List<String> scopes, Model model) {
        ApiResponse created = client.post(Service.PROFILE, "/v1/api-keys",
                Map.of("name", name, "scopes", scopes == null ? List.of() : scopes));
        if (created.ok()) {
            model.addAttribute("created", created.map());
        } else {
            model.addAttribute("problem", created.problem());
            model.addAttribute("unplaced", created.problem().unplaced(List.of("name", "scopes")));
            model.addAttribute("name", name);
        }
        return list(model);
    }

    @PostMapping("/api-keys/{id}/revoke")
    String revoke(@PathVariable String id, RedirectAttributes redirect) {
        ApiResponse answer = client.delete(Service.PROFILE, "/v1/api-keys/" + encode(id));
        redirect.addFlashAttribute("message", answer.ok() ? "Key revoked: every service refuses it within seconds."
                : "Revoke refused: " + answer.problem().title());
        return "redirect:/api-keys";
    }
}
