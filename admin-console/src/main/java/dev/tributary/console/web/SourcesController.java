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

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.tributary.console.web.ProfilesController.encode;

/**
 * Sources: the list, a form generated from the connector types' config declarations ({@code GET /v1/source-types};
 * without it, a push source's form), test, run now, pause, resume and the run history.
 */
@Controller
class SourcesController {

    private static final Set<String> ACTIONS = Set.of("test", "pause", "resume");

    private final ServiceClient client;

    SourcesController(ServiceClient client) {
        this.client = client;
    }

    @GetMapping("/sources")
    String list(Model model) {
        model.addAttribute("sources", client.get(Service.INGESTION, "/v1/sources").list("items"));
        return "sources";
    }

    @GetMapping("/sources/{id}")
    String source(@PathVariable String id, Model model) {
        ApiResponse source = client.get(Service.INGESTION, "/v1/sources/" + encode(id));
        if (!source.ok()) {
            model.addAttribute("problem", source.problem());
            return "not-found";
        }
        model.addAttribute("source", source.map());
        ApiResponse runs = client.get(Service.INGESTION, "/v1/sources/" + encode(id) + "/runs");
        model.addAttribute("runs", runs.list("items"));
        model.addAttribute("runsAvailable", runs.ok());
        return "source";
    }

    @GetMapping("/sources/new")
    String form(@RequestParam(required = false) String type, Model model) {
        return form(type, Map.of(), null, model);
    }

    @PostMapping("/sources")
    String create(@RequestParam Map<String, String> form, Model model) {
        SourceForms.Declared declared = SourceForms.declared(client, form.get("type"));
        ApiResponse created = client.post(Service.INGESTION, "/v1/sources", SourceForms.body(form, declared));
        if (created.ok()) {
            return "redirect:/sources/" + encode(String.valueOf(created.map().get("id")));
        }
        return form(form.get("type"), SourceForms.withoutSecrets(form, declared), created.problem(), model);
    }

    /** The same form, filled with the source's non-secret values; a secret left empty keeps its stored value. */
    @GetMapping("/sources/{id}/edit")
    String edit(@PathVariable String id, Model model) {
        ApiResponse source = client.get(Service.INGESTION, "/v1/sources/" + encode(id));
        if (!source.ok()) {
            model.addAttribute("problem", source.problem());
            return "not-found";
        }
        model.addAttribute("editing", id);
        return form(String.valueOf(source.map().get("type")), SourceForms.values(source.map()), null, model);
    }

    @PostMapping("/sources/{id}")
    String update(@PathVariable String id, @RequestParam Map<String, String> form, Model model) {
        SourceForms.Declared declared = SourceForms.declared(client, form.get("type"));
        ApiResponse updated = client.put(Service.INGESTION, "/v1/sources/" + encode(id), SourceForms.body(form, declared));
        if (updated.ok()) {
            return "redirect:/sources/" + encode(id);
        }
        model.addAttribute("editing", id);
        return form(form.get("type"), SourceForms.withoutSecrets(form, declared), updated.problem(), model);
    }

    @PostMapping("/sources/{id}/{action}")
    String act(@PathVariable String id, @PathVariable String action, @RequestParam(defaultValue = "false") boolean fullSync,
               RedirectAttributes redirect) {
        ApiResponse answer = action.equals("run")
                ? client.post(Service.INGESTION, "/v1/sources/" + encode(id) + "/runs", Map.of("fullSync", fullSync))
                : ACTIONS.contains(action) ? client.post(Service.INGESTION, "/v1/sources/" + encode(id) + "/" + action, null)
                : new ApiResponse(404, Map.of("title", "Unknown action"));
        redirect.addFlashAttribute("message", answer.ok() ? action + ": done" + detail(answer.map())
                : action + " refused: " + answer.problem().title() + (answer.notFound() ? " (this ingestion-service has no connector API yet)" : ""));
        return "redirect:/sources/" + encode(id);
    }

    private String form(String type, Map<String, String> values, ApiProblem problem, Model model) {
        List<Map<String, Object>> types = client.get(Service.INGESTION, "/v1/source-types").list("items");
        SourceForms.Declared declared = SourceForms.declared(types, type);
        model.addAttribute("types", types);
        model.addAttribute("declared", declared);
        model.addAttribute("form", values);
        model.addAttribute("problem", problem);
        model.addAttribute("unplaced", problem == null ? List.of() : problem.unplaced(declared.formFields()));
        return "source-new";
    }

    private static String detail(Map<String, Object> body) {
        return body.get("detail") != null ? " (" + body.get("detail") + ")" : "";
    }
}
