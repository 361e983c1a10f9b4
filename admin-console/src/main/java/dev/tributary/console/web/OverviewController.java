package dev.tributary.console.web;

import dev.tributary.console.api.ApiResponse;
import dev.tributary.console.api.Service;
import dev.tributary.console.api.ServiceClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The overview: is data flowing, are audiences fresh, do deliveries succeed. */
@Controller
class OverviewController {

    private final ServiceClient client;
    private final Sampler sampler;

    OverviewController(ServiceClient client, Sampler sampler) {
        this.client = client;
        this.sampler = sampler;
    }

    @GetMapping("/")
    String overview(Model model) {
        model.addAttribute("sources", client.get(Service.INGESTION, "/v1/sources").list("items"));
        List<Map<String, Object>> segments = client.get(Service.SEGMENTATION, "/v1/segments").list("items");
        List<Sampler.Sample> samples = sampler.samples();
        Map<String, Long> sizes = samples.isEmpty() ? Map.of() : samples.get(samples.size() - 1).segmentSizes();
        model.addAttribute("segments", segments);
        model.addAttribute("sizes", sizes);
        model.addAttribute("activations", client.get(Service.ACTIVATION, "/v1/activations").list("items"));
        ApiResponse deadLetters = client.get(Service.PROFILE, "/v1/dead-letters?status=open&limit=1");
        model.addAttribute("deadLetters", deadLetters.ok() ? deadLetters.map().get("total") : null);
        model.addAttribute("recordsPerMinute", sampler.perMinute(false));
        model.addAttribute("eventsPerMinute", sampler.perMinute(true));
        List<Double> records = new ArrayList<>();
        List<Double> audience = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            double seconds = Math.max(1, samples.get(i).at().getEpochSecond() - samples.get(i - 1).at().getEpochSecond());
            records.add(Math.max(0, samples.get(i).records() - samples.get(i - 1).records()) * 60 / seconds);
        }
        for (Sampler.Sample sample : samples) {
            audience.add((double) sample.segmentSizes().values().stream().mapToLong(Long::longValue).sum());
        }
        model.addAttribute("ingestionChart", SvgChart.line("Records accepted per minute", records));
        model.addAttribute("audienceChart", SvgChart.line("Members across all segments", audience));
        return "overview";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    /** Spring Security forwards a refused request of any method here, answered 403. */
    @RequestMapping("/denied")
    String denied() {
        return "denied";
    }
}
