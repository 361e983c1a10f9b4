package dev.tributary.emulators.marketo;

import dev.tributary.emulators.LimitMode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** How a client's test uses the emulator: observe the limits, run the client, assert the list and zero violations. */
class MarketoAudienceSyncIT extends MarketoTestSupport {

    private static final List<String> AUDIENCE = IntStream.rangeClosed(1, 650).mapToObj(i -> "p" + i + "@townsend.com").toList();

    private long findOrCreateList(String token, String name) {
        Reply found = get("/asset/v1/staticList/byName.json?name=" + encode(name), token);
        return found.json().has("result") ? found.json().get("result").get(0).get("id").asLong() : createList(token, name);
    }

    private void sync(String token, long listId, List<String> emails) {
        String input = emails.stream().map(e -> "{\"email\":\"" + e + "\"}").collect(Collectors.joining(","));
        Reply upserted = postJson("/v1/leads.json", token, "{\"action\":\"createOrUpdate\",\"lookupField\":\"email\",\"input\":["
                + input + "]}");
        String ids = upserted.json().get("result").valueStream().map(r -> "{\"id\":" + r.get("id").asLong() + "}")
                .collect(Collectors.joining(","));
        postJson("/v1/lists/" + listId + "/leads.json", token, "{\"input\":[" + ids + "]}");
    }

    @Test
    void shouldHoldTheAudienceAndCountNoViolationWhenTheClientSendsAtMost300RecordsPerCall() {
        marketo().limitMode(LimitMode.OBSERVE);
        String token = token();
        long listId = findOrCreateList(token, "Tributary: Big spenders");

        for (int from = 0; from < AUDIENCE.size(); from += 300) {
            sync(token, listId, AUDIENCE.subList(from, Math.min(AUDIENCE.size(), from + 300)));
        }

        assertThat(marketo().memberEmails("Tributary: Big spenders")).containsExactlyElementsOf(AUDIENCE);
        assertThat(marketo().stats().violationCount()).isZero();
        assertThat(marketo().stats().calls()).isEqualTo(2 + 3 * 2);
    }

    @Test
    void shouldCountABatchSizeViolationPerCallWhenTheClientSendsTheWholeAudienceAtOnce() {
        marketo().limitMode(LimitMode.OBSERVE);
        String token = token();
        long listId = findOrCreateList(token, "Tributary: Big spenders");

        sync(token, listId, new ArrayList<>(AUDIENCE));

        assertThat(marketo().memberEmails("Tributary: Big spenders")).as("observed, not refused").hasSize(650);
        assertThat(marketo().stats().violations()).containsEntry("batchSize", 2L);
    }
}
