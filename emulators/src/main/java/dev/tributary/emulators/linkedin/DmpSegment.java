package dev.tributary.emulators.linkedin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One DMP segment: a USER segment holds hashed member ids, a COMPANY segment holds company descriptions. */
final class DmpSegment {

    final long id;
    final long adSegmentId;
    final String name;
    final String account;
    final String type;
    final String sourcePlatform;
    final String sourceSegmentId;
    final Instant createdAt;
    Instant lastModified;
    int lookups;
    /** key {@code idType:idValue} -> the element's user ids and optional fields */
    final Map<String, Map<String, Object>> users = new LinkedHashMap<>();
    /** key: the company's strongest identifier -> the element as sent */
    final Map<String, Map<String, Object>> companies = new LinkedHashMap<>();

    DmpSegment(long id, long adSegmentId, String name, String account, String type, String sourcePlatform,
               String sourceSegmentId, Instant createdAt) {
        this.id = id;
        this.adSegmentId = adSegmentId;
        this.name = name;
        this.account = account;
        this.type = type;
        this.sourcePlatform = sourcePlatform;
        this.sourceSegmentId = sourceSegmentId;
        this.createdAt = createdAt;
        this.lastModified = createdAt;
    }

    int inputCount() {
        return "USER".equals(type) ? users.size() : companies.size();
    }

    /** The API's view; BUILDING while the segment is new, READY afterwards. */
    Map<String, Object> toJson(boolean ready) {
        Map<String, Object> destination = new LinkedHashMap<>();
        destination.put("destination", "LINKEDIN");
        destination.put("status", ready ? "READY" : "BUILDING");
        destination.put("audienceSize", inputCount());
        destination.put("matchedCount", inputCount());
        destination.put("destinationSegmentId", "urn:li:adSegment:" + adSegmentId);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("name", name);
        json.put("account", account);
        json.put("type", type);
        json.put("sourcePlatform", sourcePlatform);
        if (sourceSegmentId != null) {
            json.put("sourceSegmentId", sourceSegmentId);
        }
        json.put("inputCount", inputCount());
        json.put("destinations", List.of(destination));
        json.put("created", createdAt.toEpochMilli());
        json.put("lastModified", lastModified.toEpochMilli());
        return json;
    }

    /** The inspection view: everything the segment holds. */
    Map<String, Object> inspect(boolean ready) {
        Map<String, Object> json = toJson(ready);
        List<String> sha256 = new ArrayList<>();
        List<Map<String, Object>> userIds = new ArrayList<>();
        for (Map<String, Object> user : users.values()) {
            userIds.add(user);
            if ("SHA256_EMAIL".equals(user.get("idType"))) {
                sha256.add((String) user.get("idValue"));
            }
        }
        json.put("hashedEmails", sha256);
        json.put("users", userIds);
        json.put("companies", new ArrayList<>(companies.values()));
        return json;
    }
}
