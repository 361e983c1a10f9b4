package dev.tributary.emulators.salesforce;

import dev.tributary.emulators.Delays;
import dev.tributary.emulators.Fault;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Salesforce's OAuth token endpoint and REST query resources, per org: {@code /salesforce/{instanceId}} stands for
 * {@code https://{instance}.my.salesforce.com}, which is also the {@code instance_url} the token answer names.
 */
@RestController
@RequestMapping("/salesforce/{instanceId}")
class SalesforceController {

    private static final Pattern VERSION = Pattern.compile("v\\d{2,3}\\.\\d");
    private static final Pattern BATCH_SIZE = Pattern.compile("batchSize=(\\d+)");
    private static final Pattern LOCATOR = Pattern.compile("(01g\\w+)-(\\d+)");

    private final SalesforceRegistry registry;

    SalesforceController(SalesforceRegistry registry) {
        this.registry = registry;
    }

    @PostMapping(path = "/services/oauth2/token")
    ResponseEntity<Object> token(@PathVariable String instanceId,
                                 @RequestParam(name = "grant_type", required = false) String grantType,
                                 @RequestParam(name = "client_id", required = false) String clientId,
                                 @RequestParam(name = "client_secret", required = false) String clientSecret) {
        SalesforceOrg org = org(instanceId);
        if (!"client_credentials".equals(grantType)) {
            return oauthError("unsupported_grant_type", "grant type not supported");
        }
        if (!org.clientId().equals(clientId)) {
            return oauthError("invalid_client_id", "client identifier invalid");
        }
        if (!org.clientSecret().equals(clientSecret)) {
            return oauthError("invalid_client", "invalid client credentials");
        }
        String instanceUrl = ServletUriComponentsBuilder.fromCurrentContextPath().path("/salesforce/" + instanceId).toUriString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", org.issueToken());
        body.put("signature", "emulated-signature");
        body.put("scope", "api");
        body.put("instance_url", instanceUrl);
        body.put("id", instanceUrl + "/id/00D000000000001/005000000000001");
        body.put("token_type", "Bearer");
        body.put("issued_at", Long.toString(System.currentTimeMillis()));
        return ResponseEntity.ok(body);
    }

    @GetMapping(path = {"/services/data/{version}/query", "/services/data/{version}/query/"})
    ResponseEntity<Object> query(@PathVariable String instanceId, @PathVariable String version, @RequestParam(required = false) String q,
                                 @RequestHeader(name = "Authorization", required = false) String authorization,
                                 @RequestHeader(name = "Sforce-Query-Options", required = false) String options) {
        return runQuery(instanceId, version, q, false, authorization, options);
    }

    @GetMapping(path = {"/services/data/{version}/queryAll", "/services/data/{version}/queryAll/"})
    ResponseEntity<Object> queryAll(@PathVariable String instanceId, @PathVariable String version, @RequestParam(required = false) String q,
                                    @RequestHeader(name = "Authorization", required = false) String authorization,
                                    @RequestHeader(name = "Sforce-Query-Options", required = false) String options) {
        return runQuery(instanceId, version, q, true, authorization, options);
    }

    @GetMapping(path = {"/services/data/{version}/query/{locator}", "/services/data/{version}/queryAll/{locator}"})
    ResponseEntity<Object> more(@PathVariable String instanceId, @PathVariable String version, @PathVariable String locator,
                                @RequestHeader(name = "Authorization", required = false) String authorization,
                                @RequestHeader(name = "Sforce-Query-Options", required = false) String options) {
        SalesforceOrg org = org(instanceId);
        return serve(org, version, authorization, () -> {
            Matcher m = LOCATOR.matcher(locator);
            Map<String, Object> page = m.matches() ? org.more(version, m.group(1), Integer.parseInt(m.group(2)), batchSize(options)) : null;
            if (page == null) {
                return error(HttpStatus.BAD_REQUEST, "INVALID_QUERY_LOCATOR", "invalid query locator", org);
            }
            return ok(page, org);
        });
    }

    private ResponseEntity<Object> runQuery(String instanceId, String version, String q, boolean all, String authorization,
                                            String options) {
        SalesforceOrg org = org(instanceId);
        return serve(org, version, authorization, () -> {
            if (q == null || q.isBlank()) {
                return error(HttpStatus.BAD_REQUEST, "MALFORMED_QUERY", "A query string must be provided.", org);
            }
            try {
                return ok(org.query(version, q, all, batchSize(options)), org);
            } catch (Soql.SoqlException e) {
                return error(HttpStatus.BAD_REQUEST, e.errorCode, e.getMessage(), org);
            }
        });
    }

    /** Session (401, not counted), injected fault, daily limit (403), then the work; every answer names the usage. */
    private ResponseEntity<Object> serve(SalesforceOrg org, String version, String authorization, Supplier<ResponseEntity<Object>> work) {
        org.stats().call();
        if (!VERSION.matcher(version).matches()) {
            return error(HttpStatus.NOT_FOUND, "NOT_FOUND", "The requested resource does not exist", org);
        }
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        if (!org.validToken(token)) {
            return error(HttpStatus.UNAUTHORIZED, "INVALID_SESSION_ID", "Session expired or invalid", org);
        }
        Fault fault = org.faults().next();
        if (fault != null) {
            org.stats().injected(fault.label());
            if (fault.httpStatus() != null) {
                return error(HttpStatus.valueOf(fault.httpStatus()), "SERVER_UNAVAILABLE", "injected HTTP " + fault.httpStatus(), org);
            }
            if ("REQUEST_LIMIT_EXCEEDED".equals(fault.code())) {
                return error(HttpStatus.FORBIDDEN, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", org);
            }
            if ("MALFORMED_PAGE".equals(fault.code())) {
                return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header("Sforce-Limit-Info", org.limitInfo())
                        .body("{\"totalSize\":2,\"done\":false,\"records\":[{\"attributes\":");
            }
            if ("INVALID_SESSION_ID".equals(fault.code())) {
                return error(HttpStatus.UNAUTHORIZED, "INVALID_SESSION_ID", "Session expired or invalid", org);
            }
            Delays.hold(fault.delay());
        }
        if (!org.spendApiRequest()) {
            return error(HttpStatus.FORBIDDEN, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.", org);
        }
        return work.get();
    }

    private static int batchSize(String options) {
        Matcher m = options == null ? null : BATCH_SIZE.matcher(options);
        int size = m != null && m.find() ? Integer.parseInt(m.group(1)) : 2000;
        return Math.max(200, Math.min(2000, size));
    }

    private static ResponseEntity<Object> ok(Map<String, Object> body, SalesforceOrg org) {
        return ResponseEntity.ok().header("Sforce-Limit-Info", org.limitInfo()).body(body);
    }

    private static ResponseEntity<Object> error(HttpStatus status, String code, String message, SalesforceOrg org) {
        return ResponseEntity.status(status).header("Sforce-Limit-Info", org.limitInfo())
                .body(List.of(Map.of("message", message, "errorCode", code)));
    }

    private static ResponseEntity<Object> oauthError(String error, String description) {
        return ResponseEntity.badRequest().body(Map.of("error", error, "error_description", description));
    }

    private SalesforceOrg org(String instanceId) {
        SalesforceOrg org = registry.find(instanceId);
        if (org == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no emulated Salesforce org " + instanceId);
        }
        return org;
    }
}
