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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tributary.console.web.ProfilesController.encode;

/** Destinations and activations: create, test, activate a segment, delivery status with reasons, reconcile. */
@Controller
class ActivationsController {

    static final List<String> ACTIVATION_FIELDS = List.of("segmentId", "destinationId", "listName", "audienceName");

    private final ServiceClient client;

    ActivationsController(ServiceClient client) {
        this.client = client;
    }

    @GetMapping("/activations")
    String list(Model model) {
        List<Map<String, Object>> destinations = client.get(Service.ACTIVATION, "/v1/destinations").list("items");
        List<Map<String, Object>> segments = client.get(Service.SEGMENTATION, "/v1/segments").list("items");
        model.addAttribute("destinations", destinations);
        model.addAttribute("segments", segments);
        model.addAttribute("activations", client.get(Service.ACTIVATION, "/v1/activations").list("items"));
        model.addAttribute("names", names(segments, destinations));
        if (!model.containsAttribute("activation")) {
            model.addAttribute("activation", Map.of());
        }
        return "activations";
    }

    @GetMapping("/activations/{id}")
    String activation(@PathVariable String id, Model model) {
        ApiResponse activation = client.get(Service.ACTIVATION, "/v1/activations/" + encode(id));
        if (!activation.ok()) {
            model.addAttribute("problem", activation.problem());
            return "not-found";
        }
        model.addAttribute("activation", activation.map());
        model.addAttribute("deliveries", client.get(Service.ACTIVATION, "/v1/activations/" + encode(id) + "/deliveries?limit=20").list("items"));
        return "activation";
    }

    @PostMapping("/activations")
    String activate(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : ACTIVATION_FIELDS) {
            String value = form.get(field);
            if (value != null && !value.isBlank()) {
                body.put(field, value.strip());
            }
        }
        ApiResponse created = client.post(Service.ACTIVATION, "/v1/activations", body);
        if (created.ok()) {
            redirect.addFlashAttribute("message", "Activation created: the list fills as the delivery worker runs.");
            return "redirect:/activations/" + encode(String.valueOf(created.map().get("id")));
        }
        ApiProblem problem = created.problem();
        model.addAttribute("activationProblem", problem);
        model.addAttribute("activationUnplaced", problem.unplaced(ACTIVATION_FIELDS));
        model.addAttribute("activation", form);
        return list(model);
    }

    @PostMapping("/activations/{id}/reconcile")
    String reconcile(@PathVariable String id, RedirectAttributes redirect) {
        ApiResponse answer = client.post(Service.ACTIVATION, "/v1/activations/" + encode(id) + "/reconcile", null);
        redirect.addFlashAttribute("message", answer.ok() ? "Reconcile requested." : "Reconcile refused: " + answer.problem().title());
        return "redirect:/activations/" + encode(id);
    }

    @PostMapping("/activations/{id}/stop")
    String stop(@PathVariable String id, @RequestParam(defaultValue = "false") boolean clear, RedirectAttributes redirect) {
        ApiResponse answer = client.delete(Service.ACTIVATION, "/v1/activations/" + encode(id) + "?clear=" + clear);
        redirect.addFlashAttribute("message", answer.ok() ? "Activation stopping." : "Stop refused: " + answer.problem().title());
        return "redirect:/activations/" + encode(id);
    }

    private static Map<Object, Object> names(List<Map<String, Object>> segments, List<Map<String, Object>> destinations) {
        Map<Object, Object> names = new LinkedHashMap<>();
        segments.forEach(s -> names.put(s.get("id"), s.get("name")));
        destinations.forEach(d -> names.put(d.get("id"), d.get("name")));
        return names;
    }
}
