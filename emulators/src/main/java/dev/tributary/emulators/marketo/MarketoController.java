package dev.tributary.emulators.marketo;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Marketo's identity and REST endpoints, per instance: {@code /marketo/{munchkinId}} stands for
 * {@code https://{munchkinId}.mktorest.com}, so a client's identity URL is {@code .../marketo/{munchkinId}/identity}
 * and its REST base {@code .../marketo/{munchkinId}/rest}.
 */
@RestController
@RequestMapping("/marketo/{munchkinId}")
class MarketoController {

    private final MarketoRegistry registry;
    private final JsonMapper json;

    MarketoController(MarketoRegistry registry, JsonMapper json) {
        this.registry = registry;
        this.json = json;
    }

    // ---- identity ----

    @RequestMapping(path = "/identity/oauth/token", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Object> token(@PathVariable String munchkinId,
                                 @RequestParam(name = "grant_type", required = false) String grantType,
                                 @RequestParam(name = "client_id", required = false) String clientId,
                                 @RequestParam(name = "client_secret", required = false) String clientSecret) {
        MarketoInstance instance = instance(munchkinId);
        if (!"client_credentials".equals(grantType)) {
            return ResponseEntity.badRequest().body(oauthError("unsupported_grant_type",
                    "Unsupported grant type: " + grantType));
        }
        if (!instance.clientId().equals(clientId) || !instance.clientSecret().equals(clientSecret)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(oauthError("unauthorized", "Bad client credentials"));
        }
        return ResponseEntity.ok(instance.issueToken());
    }

    // ---- leads ----

    @GetMapping("/rest/v1/leads.json")
    ResponseEntity<Object> leadsByFilter(@PathVariable String munchkinId,
                                         @RequestHeader(name = "Authorization", required = false) String authorization,
                                         @RequestParam(name = "access_token", required = false) String accessToken,
                                         @RequestParam(required = false) String filterType,
                                         @RequestParam(required = false) String filterValues,
                                         @RequestParam(required = false) String fields,
                                         @RequestParam(required = false) Integer batchSize,
                                         @RequestParam(required = false) String nextPageToken) {
        MarketoInstance instance = instance(munchkinId);
        return instance.serve(token(authorization, accessToken), () -> {
            if (blank(filterType)) {
                return MarketoEnvelope.error("1002", "Missing value for the required parameter 'filterType'");
            }
            if (blank(filterValues)) {
                return MarketoEnvelope.error("1002", "Missing value for the required parameter 'filterValues'");
            }
            List<String> values = csv(filterValues);
            Map<String, Object> tooMany = instance.batchError(values.size(), "filterValues");
            if (tooMany == null && batchSize != null) {
                tooMany = instance.batchError(batchSize, "batchSize");
            }
            if (tooMany != null) {
                return tooMany;
            }
            List<Map<String, Object>> found = instance.leadDatabase().findLeads(filterType, values, fieldList(fields));
            return page(found, batchSize == null ? instance.maxBatch() : batchSize, nextPageToken);
        });
    }

    @GetMapping("/rest/v1/lead/{leadId}.json")
    ResponseEntity<Object> leadById(@PathVariable String munchkinId, @PathVariable long leadId,
                                    @RequestHeader(name = "Authorization", required = false) String authorization,
                                    @RequestParam(name = "access_token", required = false) String accessToken,
                                    @RequestParam(required = false) String fields) {
        MarketoInstance instance = instance(munchkinId);
        return instance.serve(token(authorization, accessToken), () -> {
            Map<String, Object> lead = instance.leadDatabase().leadById(leadId, fieldList(fields));
            return MarketoEnvelope.ok(lead == null ? List.of() : List.of(lead));
        });
    }

    /** Get Leads by Filter Type sent as a form POST with {@code _method=GET}, for filters too long for a URI. */
    @PostMapping(path = "/rest/v1/leads.json", params = "_method=GET")
    ResponseEntity<Object> leadsByFilterPosted(@PathVariable String munchkinId,
                                               @RequestHeader(name = "Authorization", required = false) String authorization,
                                               @RequestParam(name = "access_token", required = false) String accessToken,
                                               @RequestParam(required = false) String filterType,
                                               @RequestParam(required = false) String filterValues,
                                               @RequestParam(required = false) String fields,
                                               @RequestParam(required = false) Integer batchSize,
                                               @RequestParam(required = false) String nextPageToken) {
        return leadsByFilter(munchkinId, authorization, accessToken, filterType, filterValues, fields, batchSize,
                nextPageToken);
    }

    @PostMapping("/rest/v1/leads.json")
    ResponseEntity<Object> syncLeads(@PathVariable String munchkinId,
                                     @RequestHeader(name = "Authorization", required = false) String authorization,
                                     @RequestParam(name = "access_token", required = false) String accessToken,
                                     @RequestHeader(name = "Content-Type", required = false) String contentType,
                                     @RequestBody(required = false) byte[] body) {
        MarketoInstance instance = instance(munchkinId);
        return instance.serve(token(authorization, accessToken), () -> {
            if (!isJson(contentType)) {
                return MarketoEnvelope.error("612", "Invalid Content Type");
            }
            JsonNode request = parse(body);
            if (request == null || !request.isObject()) {
                return MarketoEnvelope.error("609", "Invalid JSON");
            }
            JsonNode input = request.get("input");
            if (input == null || !input.isArray() || input.isEmpty()) {
                return MarketoEnvelope.error("1002", "Missing value for the required parameter 'input'");
            }
            Map<String, Object> tooMany = instance.batchError(input.size(), "input records");
            if (tooMany != null) {
                return tooMany;
            }
            String action = text(request, "action", "createOrUpdate");
            if (!List.of("createOnly", "updateOnly", "createOrUpdate", "createDuplicate").contains(action)) {
                return MarketoEnvelope.error("1003", "Invalid data: action '" + action + "'");
            }
            String lookupField = text(request, "lookupField", "email");
            List<Map<String, Object>> records = new ArrayList<>();
            for (JsonNode record : input) {
                records.add(record.isObject() ? toMap(record) : Map.of());
            }
            return MarketoEnvelope.ok(instance.leadDatabase().syncLeads(action, lookupField, records));
        });
    }

    // ---- static lists (asset API) ----

    @PostMapping("/rest/asset/v1/staticLists.json")
    ResponseEntity<Object> createList(@PathVariable String munchkinId,
                                      @RequestHeader(name = "Authorization", required = false) String authorization,
                                      @RequestParam(name = "access_token", required = false) String accessToken,
                                      @RequestHeader(name = "Content-Type", required = false) String contentType,
                                      @RequestParam(required = false) String name,
                                      @RequestParam(required = false) String folder,
                                      @RequestParam(required = false) String description) {
        MarketoInstance instance = instance(munchkinId);
        return instance.serve(token(authorization, accessToken), () -> {
            if (contentType == null || !contentType.toLowerCase().startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
                return MarketoEnvelope.error("612", "Invalid Content Type");
            }
            if (blank(name)) {
                return MarketoEnvelope.error("701", "name cannot be blank");
            }
            if (blank(folder)) {
                return MarketoEnvelope.error("701", "folder cannot be blank");
            }
            JsonNode folderNode = parse(folder.getBytes(StandardCharsets.UTF_8));
            if (folderNode == null || !folderNode.isObject() || !folderNode.path("id").canConvertToLong()
                    || !List.of("Folder", "Program").contains(folderNode.path("type").asString(""))) {
                return MarketoEnvelope.error("1001", "Invalid value '" + folder
                        + "'. Required of type '{\"id\":<integer>,\"type\":\"Folder\"|\"Program\"}'");
            }
            Map<String, Object> folderJson = new LinkedHashMap<>();
            folderJson.put("id", folderNode.get("id").asLong());
            folderJson.put("type", folderNode.get("type").asString());
            return instance.staticLists().createList(name, description, folderJson);
        });
    }

    @GetMapping("/rest/asset/v1/staticList/byName.json")
    ResponseEntity<Object> listByName(@PathVariable String munchkinId,
                                      @RequestHeader(name = "Authorization", required = false) String authorization,
                                      @RequestParam(name = "access_token", required = false) String accessToken,
                                      @RequestParam(required = false) String name) {
        MarketoInstance instance = instance(munchkinId);
        return instance.serve(token(authorization, accessToken), () -> blank(name)
                ? MarketoEnvelope.error("701", "name cannot be blank") : instance.staticLists().listByName(name));
    }

    @GetMapping("/rest/asset/v1/staticList/{listId}.json")
    ResponseEntity<Object> listById(@PathVariable String munchkinId, @PathVariable long listId,
                                    @RequestHeader(name = "Authorization", required = false) String authorization,
                                    @RequestParam(name = "access_token", required = false) String accessToken) {
        MarketoInstance instance = instance(munchkinId);
        return instance.serve(token(authorization, accessToken), () -> instance.staticLists().listById(listId));
    }

    // ---- list membership ----

    @PostMapping("/rest/v1/lists/{listId}/leads.json")
    ResponseEntity<Object> addMembers(@PathVariable String munchkinId, @PathVariable long listId,
                                      @RequestHeader(name = "Authorization", required = false) String authorization,
                                      @RequestParam(name = "access_token", required = false) String accessToken,
                                      @RequestHeader(name = "Content-Type", required = false) String contentType,
                                      @RequestParam(name = "id", required = false) List<String> idParams,
                                      @RequestBody(required = false) byte[] body) {
        MarketoInstance instance = instance(munchkinId);
        return instance.serve(token(authorization, accessToken),
                () -> membership(instance, listId, contentType, idParams, body, true));
    }

    @DeleteMapping("/rest/v1/lists/{listId}/leads.json")
    ResponseEntity<Object> removeMembers(@PathVariable String munchkinId, @PathVariable long listId,
                                         @RequestHeader(name = "Authorization", required = false) String authorization,
                                         @RequestParam(name = "access_token", required = false) String accessToken,
                                         @RequestHeader(name = "Content-Type", required = false) String contentType,
                                         @RequestParam(name = "id", required = false) List<String> idParams,
                                         @RequestBody(required = false) byte[] body) {
        MarketoInstance instance = instance(munchkinId);
        return instance.serve(token(authorization, accessToken),
                () -> membership(instance, listId, contentType, idParams, body, false));
    }

    @GetMapping("/rest/v1/lists/{listId}/leads.json")
    ResponseEntity<Object> members(@PathVariable String munchkinId, @PathVariable long listId,
                                   @RequestHeader(name = "Authorization", required = false) String authorization,
                                   @RequestParam(name = "access_token", required = false) String accessToken,
                                   @RequestParam(required = false) String fields,
                                   @RequestParam(required = false) Integer batchSize,
                                   @RequestParam(required = false) String nextPageToken) {
        MarketoInstance instance = instance(munchkinId);
        return instance.serve(token(authorization, accessToken), () -> {
            if (!instance.staticLists().listExists(listId)) {
                return MarketoEnvelope.error("1013", "Static list not found");
            }
            if (batchSize != null) {
                Map<String, Object> tooMany = instance.batchError(batchSize, "batchSize");
                if (tooMany != null) {
                    return tooMany;
                }
            }
            int size = batchSize == null || batchSize < 1 ? instance.maxBatch() : batchSize;
            Integer offset = offset(nextPageToken);
            if (offset == null) {
                return MarketoEnvelope.error("1001", "Invalid value '" + nextPageToken + "'. Required of type 'paging token'");
            }
            List<Map<String, Object>> page = instance.staticLists().members(listId, offset, size, fieldList(fields));
            boolean more = offset + page.size() < instance.staticLists().memberCount(listId);
            return MarketoEnvelope.page(page, more ? token(offset + page.size()) : null);
        });
    }

    @GetMapping("/rest/v1/lists/{listId}/leads/ismember.json")
    ResponseEntity<Object> isMember(@PathVariable String munchkinId, @PathVariable long listId,
                                    @RequestHeader(name = "Authorization", required = false) String authorization,
                                    @RequestParam(name = "access_token", required = false) String accessToken,
                                    @RequestParam(name = "id", required = false) List<String> idParams) {
        MarketoInstance instance = instance(munchkinId);
        return instance.serve(token(authorization, accessToken), () -> {
            if (!instance.staticLists().listExists(listId)) {
                return MarketoEnvelope.error("1013", "Static list not found");
            }
            List<Long> ids = ids(idParams);
            if (ids == null || ids.isEmpty()) {
                return MarketoEnvelope.error("1002", "Missing value for the required parameter 'id'");
            }
            Map<String, Object> tooMany = instance.batchError(ids.size(), "ids");
            return tooMany != null ? tooMany : MarketoEnvelope.ok(instance.staticLists().isMember(listId, ids));
        });
    }

    /** Any other REST path: Marketo answers 610 inside an HTTP 200. */
    @RequestMapping("/rest/**")
    ResponseEntity<Object> unknownResource(@PathVariable String munchkinId,
                                           @RequestHeader(name = "Authorization", required = false) String authorization,
                                           @RequestParam(name = "access_token", required = false) String accessToken) {
        MarketoInstance instance = instance(munchkinId);
        return instance.serve(token(authorization, accessToken),
                () -> MarketoEnvelope.error("610", "Requested resource not found"));
    }

    private Map<String, Object> membership(MarketoInstance instance, long listId, String contentType, List<String> idParams,
                                           byte[] body, boolean add) {
        List<Long> ids = ids(idParams);
        if (ids == null) {
            return MarketoEnvelope.error("1001", "Invalid value for 'id'. Required of type 'integer'");
        }
        if (ids.isEmpty() && body != null && body.length > 0) {
            if (!isJson(contentType)) {
                return MarketoEnvelope.error("612", "Invalid Content Type");
            }
            JsonNode request = parse(body);
            if (request == null || !request.isObject() || !request.path("input").isArray()) {
                return MarketoEnvelope.error("609", "Invalid JSON");
            }
            for (JsonNode record : request.get("input")) {
                if (!record.path("id").canConvertToLong()) {
                    return MarketoEnvelope.error("1001", "Invalid value for 'id'. Required of type 'integer'");
                }
                ids.add(record.get("id").asLong());
            }
        }
        if (ids.isEmpty()) {
            return MarketoEnvelope.error("1002", "Missing value for the required parameter 'id'");
        }
        Map<String, Object> tooMany = instance.batchError(ids.size(), "ids");
        if (tooMany != null) {
            return tooMany;
        }
        if (!instance.staticLists().listExists(listId)) {
            return MarketoEnvelope.error("1013", "Static list not found");
        }
        return MarketoEnvelope.ok(add ? instance.staticLists().addMembers(listId, ids) : instance.staticLists().removeMembers(listId, ids));
    }

    // ---- helpers ----

    private MarketoInstance instance(String munchkinId) {
        MarketoInstance instance = registry.find(munchkinId);
        if (instance == null) {
            throw new UnknownInstanceException(munchkinId);
        }
        return instance;
    }

    /** The bearer header, else the (deprecated) access_token query parameter. */
    private static String token(String authorization, String accessToken) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return accessToken;
    }

    private Map<String, Object> page(List<Map<String, Object>> all, int size, String nextPageToken) {
        Integer offset = offset(nextPageToken);
        if (offset == null) {
            return MarketoEnvelope.error("1001", "Invalid value '" + nextPageToken + "'. Required of type 'paging token'");
        }
        int end = Math.min(all.size(), offset + Math.max(1, size));
        List<Map<String, Object>> page = offset >= all.size() ? List.of() : all.subList(offset, end);
        return MarketoEnvelope.page(page, end < all.size() ? token(end) : null);
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("emu:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static Integer offset(String nextPageToken) {
        if (blank(nextPageToken)) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(nextPageToken), StandardCharsets.UTF_8);
            return decoded.startsWith("emu:") ? Integer.parseInt(decoded.substring(4)) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Repeated or comma-separated id parameters; null when one is not an integer. */
    private static List<Long> ids(List<String> idParams) {
        List<Long> ids = new ArrayList<>();
        if (idParams == null) {
            return ids;
        }
        for (String param : idParams) {
            for (String value : csv(param)) {
                try {
                    ids.add(Long.parseLong(value));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return ids;
    }

    private static List<String> fieldList(String fields) {
        return blank(fields) ? MarketoLeads.DEFAULT_FIELDS.subList(1, MarketoLeads.DEFAULT_FIELDS.size()) : csv(fields);
    }

    private static List<String> csv(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase().startsWith(MediaType.APPLICATION_JSON_VALUE);
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

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asString();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> toMap(JsonNode node) {
        return json.convertValue(node, LinkedHashMap.class);
    }

    private static Map<String, Object> oauthError(String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return body;
    }
}
