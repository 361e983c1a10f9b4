package dev.tributary.emulators.linkedin;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LinkedIn's DMP segment endpoints: {@code /linkedin} stands for {@code https://api.linkedin.com}, so a client's
 * REST base is {@code .../linkedin/rest}.
 */
@RestController
@RequestMapping("/linkedin/rest/dmpSegments")
class LinkedInController {

    private static final String AUTHORIZATION = "Authorization";
    private static final String VERSION = "LinkedIn-Version";
    private static final String PROTOCOL = "X-Restli-Protocol-Version";

    private final LinkedInEmulator linkedIn;
    private final JsonMapper json;

    LinkedInController(LinkedInEmulator linkedIn, JsonMapper json) {
        this.linkedIn = linkedIn;
        this.json = json;
    }

    @PostMapping
    ResponseEntity<Object> create(@RequestHeader(name = AUTHORIZATION, required = false) String authorization,
                                  @RequestHeader(name = VERSION, required = false) String version,
                                  @RequestHeader(name = PROTOCOL, required = false) String protocol,
                                  @RequestBody(required = false) byte[] body) {
        return linkedIn.serve(authorization, version, protocol, null, () -> {
            JsonNode request = parse(body);
            if (request == null || !request.isObject()) {
                return badRequest("the body must be a JSON object");
            }
            String name = text(request, "name");
            String account = text(request, "account");
            String type = text(request, "type");
            String sourcePlatform = text(request, "sourcePlatform");
            if (name == null || name.isBlank()) {
                return badRequest("/name is required");
            }
            if (account == null || !LinkedInEmulator.ACCOUNT.matcher(account).matches()) {
                return badRequest("/account must be urn:li:sponsoredAccount:<id>");
            }
            if (!"USER".equals(type) && !"COMPANY".equals(type)) {
                return badRequest("/type must be USER or COMPANY");
            }
            if (sourcePlatform == null || sourcePlatform.isBlank()) {
                return badRequest("/sourcePlatform is required");
            }
            JsonNode destinations = request.get("destinations");
            if (destinations == null || !destinations.isArray() || destinations.isEmpty()
                    || !destinations.valueStream().allMatch(d -> "LINKEDIN".equals(d.path("destination").asString("")))) {
                return badRequest("/destinations must be [{\"destination\":\"LINKEDIN\"}]");
            }
            DmpSegment segment = linkedIn.create(name, account, type, sourcePlatform, text(request, "sourceSegmentId"));
            return ResponseEntity.status(HttpStatus.CREATED)
                    .header("x-restli-id", Long.toString(segment.id))
                    .header("x-linkedin-id", Long.toString(segment.id))
                    .header("Location", "/dmpSegments/" + segment.id)
                    .build();
        });
    }

    @GetMapping
    ResponseEntity<Object> find(@RequestHeader(name = AUTHORIZATION, required = false) String authorization,
                                @RequestHeader(name = VERSION, required = false) String version,
                                @RequestHeader(name = PROTOCOL, required = false) String protocol,
                                @RequestParam(required = false) String q,
                                @RequestParam(required = false) String account,
                                @RequestParam(required = false) String sourcePlatform,
                                @RequestParam(required = false) String sourceSegmentId,
                                @RequestParam(defaultValue = "0") int start,
                                @RequestParam(defaultValue = "10") int count) {
        return linkedIn.serve(authorization, version, protocol, null, () -> {
            if (!"account".equals(q)) {
                return badRequest("q=account is the finder of dmpSegments");
            }
            if (account == null || !LinkedInEmulator.ACCOUNT.matcher(account).matches()) {
                return badRequest("account must be urn:li:sponsoredAccount:<id>");
            }
            if (start < 0 || count < 1) {
                return badRequest("start must be >= 0 and count >= 1");
            }
            List<Map<String, Object>> all = linkedIn.byAccount(account, sourcePlatform, sourceSegmentId);
            List<Map<String, Object>> page = start >= all.size() ? List.of()
                    : all.subList(start, Math.min(all.size(), start + count));
            Map<String, Object> paging = new LinkedHashMap<>();
            paging.put("start", start);
            paging.put("count", count);
            paging.put("total", all.size());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("paging", paging);
            body.put("elements", page);
            return ResponseEntity.ok(body);
        });
    }

    @GetMapping("/{id}")
    ResponseEntity<Object> get(@PathVariable long id,
                               @RequestHeader(name = AUTHORIZATION, required = false) String authorization,
                               @RequestHeader(name = VERSION, required = false) String version,
                               @RequestHeader(name = PROTOCOL, required = false) String protocol) {
        return linkedIn.serve(authorization, version, protocol, null, () -> {
            DmpSegment segment = linkedIn.visible(id);
            return segment == null ? notFound() : ResponseEntity.ok(linkedIn.json(segment));
        });
    }

    @PostMapping("/{id}/users")
    ResponseEntity<Object> users(@PathVariable long id,
                                 @RequestHeader(name = AUTHORIZATION, required = false) String authorization,
                                 @RequestHeader(name = VERSION, required = false) String version,
                                 @RequestHeader(name = PROTOCOL, required = false) String protocol,
                                 @RequestHeader(name = "X-RestLi-Method", required = false) String method,
                                 @RequestBody(required = false) byte[] body) {
        return linkedIn.serve(authorization, version, protocol, "users",
                () -> batchCreate(id, method, body, "USER"));
    }

    @PostMapping("/{id}/companies")
    ResponseEntity<Object> companies(@PathVariable long id,
                                     @RequestHeader(name = AUTHORIZATION, required = false) String authorization,
                                     @RequestHeader(name = VERSION, required = false) String version,
                                     @RequestHeader(name = PROTOCOL, required = false) String protocol,
                                     @RequestHeader(name = "X-RestLi-Method", required = false) String method,
                                     @RequestBody(required = false) byte[] body) {
        return linkedIn.serve(authorization, version, protocol, "companies",
                () -> batchCreate(id, method, body, "COMPANY"));
    }

    /** BATCH_CREATE of /users or /companies: one status per element, in input order. */
    @SuppressWarnings("unchecked")
    private ResponseEntity<Object> batchCreate(long id, String method, byte[] body, String segmentType) {
        if (!"BATCH_CREATE".equalsIgnoreCase(method)) {
            return badRequest("X-RestLi-Method: BATCH_CREATE is required");
        }
        JsonNode request = parse(body);
        if (request == null || !request.isObject() || !request.path("elements").isArray()) {
            return badRequest("the body must be {\"elements\":[...]}");
        }
        JsonNode elements = request.get("elements");
        if (elements.isEmpty()) {
            return badRequest("/elements must not be empty");
        }
        if (linkedIn.refusesElements(elements.size())) {
            return badRequest(elements.size() + " elements: at most " + linkedIn.maxElements() + " in one call");
        }
        DmpSegment segment = linkedIn.visible(id);
        if (segment == null) {
            return notFound();
        }
        if (!segment.type.equals(segmentType)) {
            return badRequest("segment " + id + " is a " + segment.type + " segment");
        }
        List<Map<String, Object>> statuses = new ArrayList<>();
        for (JsonNode element : elements) {
            Map<String, Object> map = element.isObject() ? json.convertValue(element, LinkedHashMap.class) : Map.of();
            statuses.add("USER".equals(segmentType) ? linkedIn.applyUser(segment, map) : linkedIn.applyCompany(segment, map));
        }
        return ResponseEntity.ok(Map.of("elements", statuses));
    }

    private static ResponseEntity<Object> badRequest(String message) {
        return LinkedInEmulator.error(HttpStatus.BAD_REQUEST, null, message, null);
    }

    private static ResponseEntity<Object> notFound() {
        return LinkedInEmulator.error(HttpStatus.NOT_FOUND, null, "Could not find DMP segment", null);
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isString() ? null : value.asString();
    }
}
