package dev.tributary.emulators.inspection;

import dev.tributary.emulators.CallGate;
import dev.tributary.emulators.EmulatorClock;
import dev.tributary.emulators.EmulatorReset;
import dev.tributary.emulators.Fault;
import dev.tributary.emulators.FaultQueue;
import dev.tributary.emulators.LimitMode;
import dev.tributary.emulators.linkedin.LinkedInInspection;
import dev.tributary.emulators.marketo.MarketoInstance;
import dev.tributary.emulators.marketo.MarketoProperties;
import dev.tributary.emulators.marketo.MarketoRegistry;
import dev.tributary.emulators.marketo.UnknownInstanceException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** What each emulated account holds and saw, and the switches that inject faults (JSON, no authentication). */
@RestController
@RequestMapping("/_emulator")
class InspectionController {

    private final MarketoRegistry marketo;
    private final LinkedInInspection linkedIn;
    private final EmulatorClock clock;
    private final CallGate gate;
    private final EmulatorReset reset;

    InspectionController(MarketoRegistry marketo, LinkedInInspection linkedIn, EmulatorClock clock, CallGate gate,
                         EmulatorReset reset) {
        this.marketo = marketo;
        this.linkedIn = linkedIn;
        this.clock = clock;
        this.gate = gate;
        this.reset = reset;
    }

    @GetMapping
    Map<String, Object> overview() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("now", clock.instant().toString());
        json.put("clockOffsetMillis", clock.offset().toMillis());
        json.put("clockFrozen", clock.frozen());
        json.put("heldCalls", gate.held());
        json.put("marketoInstances", marketo.all().stream().map(MarketoInstance::munchkinId).toList());
        return json;
    }

    @PostMapping("/reset")
    ResponseEntity<Void> reset() {
        reset.reset();
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/clock/advance")
    Map<String, Object> advance(@RequestBody AdvanceRequest request) {
        if (request.millis() == null || request.millis() < 0) {
            throw new IllegalArgumentException("millis: a number of milliseconds >= 0 is required");
        }
        clock.advance(Duration.ofMillis(request.millis()));
        return overview();
    }

    @PostMapping("/clock/freeze")
    Map<String, Object> freeze() {
        clock.freeze();
        return overview();
    }

    @PostMapping("/pause")
    ResponseEntity<Void> pause() {
        gate.pause();
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/resume")
    ResponseEntity<Void> resume() {
        gate.resume();
        return ResponseEntity.noContent().build();
    }

    // ---- Marketo ----

    @PostMapping("/marketo/instances")
    ResponseEntity<Map<String, Object>> addInstance(@RequestBody MarketoProperties.Instance request) {
        MarketoInstance instance = marketo.add(request);
        return ResponseEntity.status(HttpStatus.CREATED).body(marketoState(instance));
    }

    @GetMapping("/marketo/{munchkinId}")
    Map<String, Object> marketoInstance(@PathVariable String munchkinId) {
        return marketoState(instance(munchkinId));
    }

    @GetMapping("/marketo/{munchkinId}/stats")
    Map<String, Object> marketoStats(@PathVariable String munchkinId) {
        return instance(munchkinId).stats().snapshot().toJson();
    }

    /** Seeds the instance from a scenario file on the classpath, {@code {"resource": "scenarios/townsend/mkto-1.json"}}. */
    @PostMapping("/marketo/{munchkinId}/scenario")
    Map<String, Object> loadMarketoScenario(@PathVariable String munchkinId, @RequestBody ScenarioRequest request) {
        MarketoInstance instance = instance(munchkinId);
        if (request.resource() == null || !request.resource().matches("scenarios/[A-Za-z0-9_./-]+\\.json")
                || request.resource().contains("..")) {
            throw new IllegalArgumentException("resource: a scenario file such as scenarios/townsend/mkto-1.json is required");
        }
        instance.loadScenario(request.resource());
        return marketoState(instance);
    }

    @PostMapping("/marketo/{munchkinId}/tokens/expire")
    ResponseEntity<Void> expireMarketoTokens(@PathVariable String munchkinId) {
        instance(munchkinId).expireTokens();
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/marketo/{munchkinId}/faults")
    Map<String, Object> marketoFault(@PathVariable String munchkinId, @RequestBody FaultRequest request) {
        MarketoInstance instance = instance(munchkinId);
        return addFault(instance.faults(), request, true);
    }

    @PutMapping("/marketo/{munchkinId}/limits")
    Map<String, Object> marketoLimits(@PathVariable String munchkinId, @RequestBody LimitsRequest request) {
        MarketoInstance instance = instance(munchkinId);
        if (request.dailyQuota() != null) {
            if (request.dailyQuota() < 0) {
                throw new IllegalArgumentException("dailyQuota: must be >= 0");
            }
            instance.dailyQuota(request.dailyQuota());
        }
        if (request.limitMode() != null) {
            instance.limitMode(request.limitMode());
        }
        return instance.settings();
    }

    // ---- LinkedIn ----

    @GetMapping("/linkedin")
    Map<String, Object> linkedInState() {
        return linkedIn.state();
    }

    @GetMapping("/linkedin/stats")
    Map<String, Object> linkedInStats() {
        return linkedIn.emulator().stats().snapshot().toJson();
    }

    @PostMapping("/linkedin/tokens")
    ResponseEntity<Void> addLinkedInToken(@RequestBody TokenRequest request) {
        linkedIn.emulator().addToken(request.token());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/linkedin/tokens/expire")
    ResponseEntity<Void> expireLinkedInTokens() {
        linkedIn.emulator().expireTokens();
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/linkedin/faults")
    Map<String, Object> linkedInFault(@RequestBody FaultRequest request) {
        return addFault(linkedIn.emulator().faults(), request, false);
    }

    @PutMapping("/linkedin/limits")
    Map<String, Object> linkedInLimits(@RequestBody LinkedInLimitsRequest request) {
        return linkedIn.limits(request.limitMode(), request.usersCallsPerMinute(), request.companiesCallsPerMinute(),
                request.newSegmentNotFoundCalls(), request.newSegmentNotFoundForMillis());
    }

    private Map<String, Object> marketoState(MarketoInstance instance) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("munchkinId", instance.munchkinId());
        json.put("settings", instance.settings());
        json.put("stats", instance.stats().snapshot().toJson());
        json.put("pendingFaults", instance.faults().pending());
        json.put("leads", instance.leads());
        json.put("lists", instance.lists());
        json.put("companies", instance.catalog().companies());
        json.put("activities", instance.catalog().activities());
        json.put("exportJobs", instance.exports().jobs().stream().map(job -> Map.of("exportId", job.exportId(),
                "kind", job.kind(), "filterType", job.filterType(), "startAt", job.startAt().toString(),
                "endAt", job.endAt().toString(), "status", job.status())).toList());
        return json;
    }

    private MarketoInstance instance(String munchkinId) {
        MarketoInstance instance = marketo.find(munchkinId);
        if (instance == null) {
            throw new UnknownInstanceException(munchkinId);
        }
        return instance;
    }

    static Map<String, Object> addFault(FaultQueue faults, FaultRequest request, boolean codesAllowed) {
        int count = request.count() == null ? 1 : request.count();
        if (count < 1) {
            throw new IllegalArgumentException("count: must be at least 1");
        }
        boolean malformed = Boolean.TRUE.equals(request.malformed());
        int kinds = (request.code() == null ? 0 : 1) + (request.status() == null ? 0 : 1)
                + (request.delayMillis() == null ? 0 : 1) + (malformed ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("exactly one of code, status, delayMillis, malformed is required");
        }
        Fault fault;
        if (malformed) {
            if (!codesAllowed) {
                throw new IllegalArgumentException("malformed: Marketo only");
            }
            fault = Fault.malformedBody();
        } else if (request.code() != null) {
            if (!codesAllowed || !request.code().matches("\\d{3,4}")) {
                throw new IllegalArgumentException(codesAllowed ? "code: a Marketo error code such as \"606\" is required"
                        : "code: LinkedIn answers HTTP statuses; use status, e.g. 429");
            }
            fault = Fault.errorCode(request.code());
        } else if (request.status() != null) {
            if (request.status() < 400 || request.status() > 599) {
                throw new IllegalArgumentException("status: an HTTP status from 400 to 599 is required");
            }
            fault = Fault.httpStatus(request.status());
        } else {
            if (request.delayMillis() < 0 || request.delayMillis() > 120_000) {
                throw new IllegalArgumentException("delayMillis: from 0 to 120000");
            }
            fault = Fault.delay(Duration.ofMillis(request.delayMillis()));
        }
        faults.add(fault, count);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pendingFaults", faults.pending());
        return json;
    }

    /** {@code millis} to move the emulators' clock forward. */
    record AdvanceRequest(Long millis) {
    }

    /**
     * One of: {@code code} (Marketo error in an HTTP 200), {@code status} (HTTP), {@code delayMillis}, {@code malformed}
     * (Marketo: a cut-off body); for {@code count} calls.
     */
    record FaultRequest(String code, Integer status, Long delayMillis, Integer count, Boolean malformed) {
    }

    record LimitsRequest(Long dailyQuota, LimitMode limitMode) {
    }

    record ScenarioRequest(String resource) {
    }

    record TokenRequest(String token) {
    }

    record LinkedInLimitsRequest(LimitMode limitMode, Integer usersCallsPerMinute, Integer companiesCallsPerMinute,
                                 Integer newSegmentNotFoundCalls, Long newSegmentNotFoundForMillis) {
    }
}
