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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tributary.console.web.ProfilesController.encode;

/** Segments: the list, the builder with its live preview, members, explanations, history, evaluate now. */
@Controller
class SegmentsController {

    static final List<String> FORM_FIELDS = List.of("name", "audience", "query", "evaluation");

    private final ServiceClient client;

    SegmentsController(ServiceClient client) {
        this.client = client;
    }

    @GetMapping("/segments")
    String list(Model model) {
        List<Map<String, Object>> segments = client.get(Service.SEGMENTATION, "/v1/segments").list("items");
        Map<Object, Object> sizes = new LinkedHashMap<>();
        for (Map<String, Object> segment : segments) {
            ApiResponse members = client.get(Service.SEGMENTATION, "/v1/segments/" + encode(String.valueOf(segment.get("id"))) + "/members?limit=1");
            sizes.put(segment.get("id"), members.ok() ? members.map().get("total") : null);
        }
        model.addAttribute("segments", segments);
        model.addAttribute("sizes", sizes);
        return "segments";
    }

    @GetMapping("/segments/new")
    String builder(Model model) {
        model.addAttribute("form", SegmentForm.empty());
        return "segment-new";
    }

    /** Live preview while typing (htmx, a fragment) or the Preview button without JavaScript (the whole page). */
    @PostMapping("/segments/preview")
    String preview(SegmentForm form, @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        model.addAttribute("form", form);
        if (form.query() != null && !form.query().isBlank()) {
            ApiResponse preview = client.post(Service.SEGMENTATION, "/v1/segments/preview",
                    Map.of("audience", form.audienceOrPerson(), "query", form.query()));
            model.addAttribute("preview", preview.ok() ? preview.map() : null);
            if (!preview.ok()) {
                model.addAttribute("problem", preview.problem());
                model.addAttribute("positions", QueryPositions.of(preview.map(), form.query()));
            }
        }
        return htmx != null ? "segment-new :: preview" : "segment-new";
    }

    @PostMapping("/segments")
    String create(SegmentForm form, Model model) {
        ApiResponse created = client.post(Service.SEGMENTATION, "/v1/segments", form.body());
        if (created.ok()) {
            return "redirect:/segments/" + encode(String.valueOf(created.map().get("id")));
        }
        ApiProblem problem = created.problem();
        model.addAttribute("form", form);
        model.addAttribute("problem", problem);
        model.addAttribute("unplaced", problem.unplaced(FORM_FIELDS));
        model.addAttribute("positions", QueryPositions.of(created.map(), form.query()));
        return "segment-new";
    }

    @GetMapping("/segments/{id}")
    String segment(@PathVariable String id, @RequestParam(required = false) String cursor, Model model) {
        ApiResponse segment = client.get(Service.SEGMENTATION, "/v1/segments/" + encode(id));
        if (!segment.ok()) {
            model.addAttribute("problem", segment.problem());
            return "not-found";
        }
        model.addAttribute("segment", segment.map());
        ApiResponse members = client.get(Service.SEGMENTATION, "/v1/segments/" + encode(id) + "/members?limit=50"
                + (cursor == null ? "" : "&cursor=" + encode(cursor)));
        model.addAttribute("members", members.list("items"));
        model.addAttribute("total", members.map().get("total"));
        model.addAttribute("nextCursor", members.map().get("nextCursor"));
        List<Map<String, Object>> history = client.get(Service.SEGMENTATION, "/v1/segments/" + encode(id) + "/history").list("items");
        model.addAttribute("history", history.size() > 50 ? history.subList(0, 50) : history);
        model.addAttribute("historyChart", SvgChart.line("Members over time (entries minus exits)", MembershipHistory.sizes(history)));
        return "segment";
    }

    @GetMapping("/segments/{id}/members/{entityId}")
    String explanation(@PathVariable String id, @PathVariable String entityId, Model model) {
        ApiResponse explanation = client.get(Service.SEGMENTATION,
                "/v1/segments/" + encode(id) + "/members/" + encode(entityId) + "/explanation");
        model.addAttribute("segmentId", id);
        model.addAttribute("entityId", entityId);
        model.addAttribute("segment", client.get(Service.SEGMENTATION, "/v1/segments/" + encode(id)).map());
        model.addAttribute("explanation", explanation.ok() ? explanation.map() : null);
        model.addAttribute("problem", explanation.ok() ? null : explanation.problem());
        return "explanation";
    }

    @PostMapping("/segments/{id}/evaluate")
    String evaluate(@PathVariable String id, RedirectAttributes redirect) {
        ApiResponse evaluation = client.post(Service.SEGMENTATION, "/v1/segments/" + encode(id) + "/evaluations", null);
        redirect.addFlashAttribute("message", evaluation.ok()
                ? "Evaluation queued: the members below change once it has run."
                : "Evaluation refused: " + evaluation.problem().title());
        return "redirect:/segments/" + encode(id);
    }

    /** The builder's fields, as the form posts them. */
    record SegmentForm(String name, String audience, String query, String evaluation) {

        static SegmentForm empty() {
            return new SegmentForm("", "person", "", "streaming");
        }

        String audienceOrPerson() {
            return audience == null || audience.isBlank() ? "person" : audience;
        }

        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("audience", audienceOrPerson());
            body.put("query", query);
            if (evaluation != null && !evaluation.isBlank()) {
                body.put("evaluation", evaluation);
            }
            return body;
        }
    }
}
