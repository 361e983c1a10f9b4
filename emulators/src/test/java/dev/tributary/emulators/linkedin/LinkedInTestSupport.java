package dev.tributary.emulators.linkedin;

import dev.tributary.emulators.EmulatorTestSupport;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** A minimal LinkedIn Marketing API client over real HTTP for the emulator's tests. */
abstract class LinkedInTestSupport extends EmulatorTestSupport {

    protected static final String ACCOUNT = "urn:li:sponsoredAccount:507404993";
    protected static final String VERSION = YearMonth.now(ZoneOffset.UTC).minusMonths(1)
            .format(DateTimeFormatter.ofPattern("yyyyMM"));

    protected LinkedInHandle linkedIn() {
        return EMULATORS.linkedIn();
    }

    protected HttpRequest.Builder api(String path) {
        return request(linkedIn().restUrl() + path)
                .header("Authorization", "Bearer " + LINKEDIN_TOKEN)
                .header("LinkedIn-Version", VERSION)
                .header("X-Restli-Protocol-Version", "2.0.0")
                .header("Content-Type", "application/json");
    }

    protected Reply createSegment(String name, String type) {
        return send(api("/dmpSegments").POST(HttpRequest.BodyPublishers.ofString("""
                {"name":"%s","account":"%s","type":"%s","sourcePlatform":"TRIBUTARY",
                 "destinations":[{"destination":"LINKEDIN"}]}""".formatted(name, ACCOUNT, type))).build());
    }

    /** Creates a segment and waits out its not-found period (the default: its first lookup answers 404). */
    protected long readySegment(String name, String type) {
        long id = Long.parseLong(createSegment(name, type).header("x-restli-id"));
        assertNotFoundThenFound(id);
        return id;
    }

    private void assertNotFoundThenFound(long id) {
        Reply first = send(api("/dmpSegments/" + id).GET().build());
        if (first.status() != 404) {
            throw new AssertionError("a new segment's first lookup answers 404, got " + first.status());
        }
    }

    protected Reply batchCreate(long segmentId, String resource, String elements) {
        return send(api("/dmpSegments/" + segmentId + "/" + resource).header("X-RestLi-Method", "BATCH_CREATE")
                .POST(HttpRequest.BodyPublishers.ofString("{\"elements\":[" + elements + "]}")).build());
    }

    protected static String sha256(String email) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(email.trim().toLowerCase().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String user(String action, String email) {
        return "{\"action\":\"" + action + "\",\"userIds\":[{\"idType\":\"SHA256_EMAIL\",\"idValue\":\"" + sha256(email) + "\"}]}";
    }
}
