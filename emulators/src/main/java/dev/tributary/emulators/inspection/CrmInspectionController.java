package dev.tributary.emulators.inspection;

import dev.tributary.emulators.Fault;
import dev.tributary.emulators.dynamics.DynamicsOrg;
import dev.tributary.emulators.dynamics.DynamicsProperties;
import dev.tributary.emulators.dynamics.DynamicsRegistry;
import dev.tributary.emulators.salesforce.SalesforceOrg;
import dev.tributary.emulators.salesforce.SalesforceProperties;
import dev.tributary.emulators.salesforce.SalesforceRegistry;
import dev.tributary.emulators.salesforce.SalesforceHandle;
import dev.tributary.emulators.dynamics.DynamicsHandle;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
import java.util.Set;

/** What each emulated Salesforce org and Dataverse environment holds and saw, and their fault switches (JSON, no auth). */
@RestController
@RequestMapping("/_emulator")
class CrmInspectionController {

    private static final Set<String> SALESFORCE_KINDS = Set.of("REQUEST_LIMIT_EXCEEDED", "MALFORMED_PAGE", "INVALID_SESSION_ID");
    private static final Set<String> DYNAMICS_KINDS = Set.of("THROTTLE", "MALFORMED_PAGE");

    private final SalesforceRegistry salesforce;
    private final DynamicsRegistry dynamics;

    CrmInspectionController(SalesforceRegistry salesforce, DynamicsRegistry dynamics) {
        this.salesforce = salesforce;
        this.dynamics = dynamics;
    }

    // ---- Salesforce ----

    @PostMapping("/salesforce/instances")
    ResponseEntity<Map<String, Object>> addSalesforce(@RequestBody SalesforceProperties.Instance request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(salesforceState(salesforce.add(request)));
    }

    @GetMapping("/salesforce/{instanceId}")
    Map<String, Object> salesforce(@PathVariable String instanceId) {
        return salesforceState(org(instanceId));
    }

    @PostMapping("/salesforce/{instanceId}/scenario")
    Map<String, Object> salesforceScenario(@PathVariable String instanceId, @RequestBody ScenarioRequest request) {
        SalesforceOrg org = org(instanceId);
        new SalesforceHandle(org, "").loadScenario(requireResource(request));
        return salesforceState(org);
    }

    @PostMapping("/salesforce/{instanceId}/tokens/expire")
    ResponseEntity<Void> expireSalesforceTokens(@PathVariable String instanceId) {
        org(instanceId).expireTokens();
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/salesforce/{instanceId}/limits")
    Map<String, Object> salesforceLimits(@PathVariable String instanceId, @RequestBody ApiUsageRequest request) {
        if (request.apiUsed() == null || request.dailyApiLimit() == null || request.apiUsed() < 0 || request.dailyApiLimit() < 1) {
            throw new IllegalArgumentException("apiUsed (>= 0) and dailyApiLimit (>= 1) are required");
        }
        SalesforceOrg org = org(instanceId);
        org.apiUsage(request.apiUsed(), request.dailyApiLimit());
        return salesforceState(org);
    }

    @PostMapping("/salesforce/{instanceId}/faults")
    Map<String, Object> salesforceFault(@PathVariable String instanceId, @RequestBody CrmFaultRequest request) {
        SalesforceOrg org = org(instanceId);
        org.faults().add(fault(request, SALESFORCE_KINDS), count(request));
        return Map.of("pendingFaults", org.faults().pending());
    }

    // ---- Dynamics ----

    @PostMapping("/dynamics/instances")
    ResponseEntity<Map<String, Object>> addDynamics(@RequestBody DynamicsProperties.Instance request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(dynamicsState(dynamics.add(request)));
    }

    @GetMapping("/dynamics/{instanceId}")
    Map<String, Object> dynamics(@PathVariable String instanceId) {
        return dynamicsState(environment(instanceId));
    }

    @PostMapping("/dynamics/{instanceId}/scenario")
    Map<String, Object> dynamicsScenario(@PathVariable String instanceId, @RequestBody ScenarioRequest request) {
        DynamicsOrg env = environment(instanceId);
        new DynamicsHandle(env, "").loadScenario(requireResource(request));
        return dynamicsState(env);
    }

    @PostMapping("/dynamics/{instanceId}/tokens/expire")
    ResponseEntity<Void> expireDynamicsTokens(@PathVariable String instanceId) {
        environment(instanceId).expireTokens();
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/dynamics/{instanceId}/faults")
    Map<String, Object> dynamicsFault(@PathVariable String instanceId, @RequestBody CrmFaultRequest request) {
        DynamicsOrg env = environment(instanceId);
        Fault fault = fault(request, DYNAMICS_KINDS);
        if ("THROTTLE".equals(fault.code())) {
            env.injectedRetryAfter(Duration.ofSeconds(request.retryAfterSeconds() == null ? 5 : Math.max(1, request.retryAfterSeconds())));
        }
        env.faults().add(fault, count(request));
        return Map.of("pendingFaults", env.faults().pending());
    }

    // ---- shared ----

    private static Fault fault(CrmFaultRequest request, Set<String> kinds) {
        int given = (request.kind() == null ? 0 : 1) + (request.status() == null ? 0 : 1) + (request.delayMillis() == null ? 0 : 1);
        if (given != 1) {
            throw new IllegalArgumentException("exactly one of kind, status, delayMillis is required");
        }
        if (request.kind() != null) {
            if (!kinds.contains(request.kind())) {
                throw new IllegalArgumentException("kind: one of " + kinds);
            }
            return Fault.errorCode(request.kind());
        }
        if (request.status() != null) {
            if (request.status() < 400 || request.status() > 599) {
                throw new IllegalArgumentException("status: an HTTP status from 400 to 599 is required");
            }
            return Fault.httpStatus(request.status());
        }
        if (request.delayMillis() < 0 || request.delayMillis() > 120_000) {
            throw new IllegalArgumentException("delayMillis: from 0 to 120000");
        }
        return Fault.delay(Duration.ofMillis(request.delayMillis()));
    }

    private static int count(CrmFaultRequest request) {
        int count = request.count() == null ? 1 : request.count();
        if (count < 1) {
            throw new IllegalArgumentException("count: must be at least 1");
        }
        return count;
    }

    private static String requireResource(ScenarioRequest request) {
        if (request.resource() == null || !request.resource().matches("scenarios/[\\w./-]+\\.json") || request.resource().contains("..")) {
            throw new IllegalArgumentException("resource: a scenario file on the classpath, e.g. scenarios/townsend/crm-1.json");
        }
        return request.resource();
    }

    private static Map<String, Object> salesforceState(SalesforceOrg org) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("instanceId", org.instanceId());
        json.put("stats", org.stats().snapshot().toJson());
        json.put("pendingFaults", org.faults().pending());
        json.put("records", org.allRecords());
        json.put("calls", org.calls());
        return json;
    }

    private static Map<String, Object> dynamicsState(DynamicsOrg env) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("instanceId", env.instanceId());
        json.put("stats", env.stats().snapshot().toJson());
        json.put("pendingFaults", env.faults().pending());
        json.put("rows", env.allRows());
        json.put("calls", env.calls());
        return json;
    }

    private SalesforceOrg org(String instanceId) {
        SalesforceOrg org = salesforce.find(instanceId);
        if (org == null) {
            throw new NoSuchInstance("no emulated Salesforce org " + instanceId);
        }
        return org;
    }

    private DynamicsOrg environment(String instanceId) {
        DynamicsOrg env = dynamics.find(instanceId);
        if (env == null) {
            throw new NoSuchInstance("no emulated Dynamics environment " + instanceId);
        }
        return env;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the body is not the JSON object this call takes");
    }

    @ExceptionHandler(NoSuchInstance.class)
    ProblemDetail notFound(NoSuchInstance e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    static final class NoSuchInstance extends RuntimeException {
        NoSuchInstance(String message) {
            super(message);
        }
    }

    /** A classpath scenario file, e.g. {@code scenarios/townsend/crm-1.json}. */
    record ScenarioRequest(String resource) {
    }

    record ApiUsageRequest(Long apiUsed, Long dailyApiLimit) {
    }

    /** One of {@code kind} (a named answer), {@code status} (HTTP), {@code delayMillis}; for {@code count} calls. */
    record CrmFaultRequest(String kind, Integer status, Long delayMillis, Integer count, Integer retryAfterSeconds) {
    }
}
