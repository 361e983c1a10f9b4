package dev.tributary.emulators.marketo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Marketo's response envelope: {requestId, success, result | errors[{code, message}] , warnings, paging}. */
final class MarketoEnvelope {

    private MarketoEnvelope() {
    }

    static Map<String, Object> ok(List<?> result) {
        Map<String, Object> body = start(true);
        body.put("result", result);
        return body;
    }

    static Map<String, Object> page(List<?> result, String nextPageToken) {
        Map<String, Object> body = ok(result);
        body.put("moreResult", nextPageToken != null);
        if (nextPageToken != null) {
            body.put("nextPageToken", nextPageToken);
        }
        return body;
    }

    static Map<String, Object> warning(String warning) {
        Map<String, Object> body = start(true);
        body.put("warnings", List.of(warning));
        return body;
    }

    static Map<String, Object> error(String code, String message) {
        Map<String, Object> body = start(false);
        body.put("errors", List.of(reason(code, message)));
        return body;
    }

    static Map<String, String> reason(String code, String message) {
        Map<String, String> reason = new LinkedHashMap<>();
        reason.put("code", code);
        reason.put("message", message);
        return reason;
    }

    static boolean isError(Map<String, Object> body) {
        return Boolean.FALSE.equals(body.get("success"));
    }

    static String errorCode(Map<String, Object> body) {
        Object errors = body.get("errors");
        if (errors instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first) {
            return String.valueOf(first.get("code"));
        }
        return null;
    }

    private static Map<String, Object> start(boolean success) {
        Map<String, Object> body = new LinkedHashMap<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // the shape Marketo's request ids have, e.g. "e42b#14272d07d78"
        body.put("requestId", Integer.toHexString(random.nextInt(0x1000, 0x10000)) + "#"
                + Long.toHexString(System.currentTimeMillis()));
        body.put("success", success);
        return body;
    }
}
