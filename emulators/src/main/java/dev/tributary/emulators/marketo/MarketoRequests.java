package dev.tributary.emulators.marketo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** What the read and bulk endpoints share: the caller's token, paging tokens, comma-separated parameters. */
final class MarketoRequests {

    private MarketoRequests() {
    }

    /** The bearer header, else the (deprecated) access_token query parameter. */
    static String token(String authorization, String accessToken) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return accessToken;
    }

    /** One page of {@code all} from the paging token's offset, with {@code moreResult}/{@code nextPageToken}. */
    static Map<String, Object> page(List<Map<String, Object>> all, int size, String nextPageToken) {
        Integer offset = offset(nextPageToken);
        if (offset == null) {
            return MarketoEnvelope.error("1001", "Invalid value '" + nextPageToken + "'. Required of type 'paging token'");
        }
        int end = Math.min(all.size(), offset + Math.max(1, size));
        List<Map<String, Object>> page = offset >= all.size() ? List.of() : all.subList(offset, end);
        return MarketoEnvelope.page(page, end < all.size() ? pagingToken(end) : null);
    }

    static String pagingToken(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("emu:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    static Integer offset(String nextPageToken) {
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

    static List<String> csv(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
