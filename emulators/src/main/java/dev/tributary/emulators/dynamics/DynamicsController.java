package dev.tributary.emulators.dynamics;

import dev.tributary.emulators.Delays;
import dev.tributary.emulators.Fault;
import jakarta.servlet.http.HttpServletRequest;
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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Microsoft identity platform's token endpoint and the Dataverse Web API, per environment:
 * {@code /dynamics/{instanceId}} stands for {@code https://{org}.crm.dynamics.com} and
 * {@code /dynamics/{instanceId}/oauth2/v2.0/token} for {@code https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token}.
 */
@RestController
@RequestMapping("/dynamics/{instanceId}")
class DynamicsController {

    private static final Pattern MAX_PAGE_SIZE = Pattern.compile("odata\\.maxpagesize=(\\d+)");
    private static final int MAX_PAGE = 5000;

    private final DynamicsRegistry registry;

    DynamicsController(DynamicsRegistry registry) {
        this.registry = registry;
    }

    @PostMapping("/oauth2/v2.0/token")
    ResponseEntity<Object> token(@PathVariable String instanceId,
                                 @RequestParam(name = "grant_type", required = false) String grantType,
                                 @RequestParam(name = "client_id", required = false) String clientId,
                                 @RequestParam(name = "client_secret", required = false) String clientSecret,
                                 @RequestParam(required = false) String scope) {
        DynamicsOrg org = org(instanceId);
        if (!"client_credentials".equals(grantType)) {
            return aadError(400, "unsupported_grant_type", 70003, "AADSTS70003: The app requested an unsupported grant type.");
        }
        if (!org.clientId().equals(clientId)) {
            return aadError(400, "unauthorized_client", 700016, "AADSTS700016: Application with identifier '" + clientId
                    + "' was not found in the directory.");
        }
        if (!org.clientSecret().equals(clientSecret)) {
            return aadError(401, "invalid_client", 7000215, "AADSTS7000215: Invalid client secret provided. Ensure the secret "
                    + "being sent in the request is the client secret value, not the client secret ID.");
        }
        String resource = ServletUriComponentsBuilder.fromCurrentContextPath().path("/dynamics/" + instanceId).toUriString();
        if (scope == null || !(scope.equals(resource + "/.default") || scope.equals(resource + "//.default"))) {
            return aadError(400, "invalid_scope", 70011, "AADSTS70011: The provided value for the input parameter 'scope' is not valid.");
        }
        return ResponseEntity.ok(org.issueToken());
    }

    @GetMapping("/api/data/v9.2/{entitySet}")
    ResponseEntity<Object> query(@PathVariable String instanceId, @PathVariable String entitySet, HttpServletRequest request,
                                 @RequestParam(name = "$select", required = false) String select,
                                 @RequestParam(name = "$filter", required = false) String filter,
                                 @RequestParam(name = "$orderby", required = false) String orderBy,
                                 @RequestParam(name = "$skiptoken", required = false) String skipToken,
                                 @RequestParam(name = "$deltatoken", required = false) String deltaToken,
                                 @RequestHeader(name = "Authorization", required = false) String authorization,
                                 @RequestHeader(name = "Prefer", required = false) String prefer) {
        DynamicsOrg org = org(instanceId);
        org.stats().call();
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        if (!org.validToken(token)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\"")
                    .build();
        }
        Fault fault = org.faults().next();
        if (fault != null) {
            org.stats().injected(fault.label());
            if (fault.httpStatus() != null) {
                return error(fault.httpStatus(), "0x80040216", "An unexpected error occurred.");
            }
            if ("THROTTLE".equals(fault.code())) {
                return throttled(org, org.injectedRetryAfter());
            }
            if ("MALFORMED_PAGE".equals(fault.code())) {
                return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body("{\"@odata.context\":\"x\",\"value\":[{\"@odata.etag\":");
            }
            Delays.hold(fault.delay());
        }
        Duration wait = org.admit();
        if (wait != null) {
            return throttled(org, wait);
        }
        int pageSize = MAX_PAGE;
        Matcher m = prefer == null ? null : MAX_PAGE_SIZE.matcher(prefer);
        if (m != null && m.find()) {
            pageSize = Math.max(1, Math.min(MAX_PAGE, Integer.parseInt(m.group(1))));
        }
        boolean annotations = prefer != null && prefer.contains("odata.include-annotations");
        boolean trackChanges = prefer != null && prefer.contains("odata.track-changes");
        try {
            DynamicsOrg.Page page = org.query(entitySet, select, filter, orderBy, pageSize, skipToken, annotations, trackChanges, deltaToken);
            String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/dynamics/" + instanceId + "/api/data/v9.2/").toUriString();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("@odata.context", base + "$metadata#" + entitySet);
            page.rows().stream().filter(row -> row.containsKey("reason"))
                    .forEach(row -> row.put("@odata.context", base + row.get("@odata.context")));
            body.put("value", page.rows());
            String query = request.getQueryString() == null ? ""
                    : request.getQueryString().replaceAll("(^|&)(%24|\\$)(skiptoken|deltatoken)=[^&]*", "").replaceFirst("^&", "");
            String link = base + entitySet + "?" + (query.isEmpty() ? "" : query + "&");
            if (page.nextSkipToken() != null) {
                body.put("@odata.nextLink", link + "$skiptoken=" + page.nextSkipToken());
            }
            if (page.deltaToken() != null) {
                body.put("@odata.deltaLink", link + "$deltatoken=" + java.net.URLEncoder.encode(page.deltaToken(), java.nio.charset.StandardCharsets.UTF_8));
            }
            ResponseEntity.BodyBuilder ok = ResponseEntity.ok().header("OData-Version", "4.0");
            List<String> applied = new java.util.ArrayList<>();
            if (m != null) {
                applied.add("odata.maxpagesize=" + pageSize);
            }
            if (trackChanges) {
                applied.add("odata.track-changes");
            }
            if (!applied.isEmpty()) {
                ok.header("Preference-Applied", String.join(",", applied));
            }
            return ok.body(body);
        } catch (ODataQuery.ODataException e) {
            return error(e.status, e.code, e.getMessage());
        }
    }

    private static ResponseEntity<Object> throttled(DynamicsOrg org, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return ResponseEntity.status(429).header("Retry-After", Long.toString(seconds))
                .body(Map.of("error", Map.of("code", "0x80072322", "message", "Number of requests exceeded the limit of "
                        + org.requestsPerWindow() + " over time window of " + org.windowSeconds() + " seconds.")));
    }

    private static ResponseEntity<Object> error(int status, String code, String message) {
        return ResponseEntity.status(status).body(Map.of("error", Map.of("code", code, "message", message)));
    }

    private static ResponseEntity<Object> aadError(int status, String error, int code, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        body.put("error_codes", List.of(code));
        body.put("timestamp", java.time.Instant.now().toString());
        return ResponseEntity.status(status).body(body);
    }

    private DynamicsOrg org(String instanceId) {
        DynamicsOrg org = registry.find(instanceId);
        if (org == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no emulated Dynamics environment " + instanceId);
        }
        return org;
    }
}
