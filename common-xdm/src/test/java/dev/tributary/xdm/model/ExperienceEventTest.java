package dev.tributary.xdm.model;

import dev.tributary.xdm.Identity;
import dev.tributary.xdm.IdentityMap;
import dev.tributary.xdm.IdentityValue;
import dev.tributary.xdm.SourceKey;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExperienceEventTest {

    private static ExperienceEvent event(SourceKey personKey, IdentityMap identityMap) {
        return new ExperienceEvent("e-1", Instant.parse("2026-11-01T10:00:00Z"), "web.webpagedetails.pageViews",
                personKey, identityMap, null);
    }

    private static IdentityMap ecidThenEmail() {
        Map<String, List<IdentityValue>> values = new LinkedHashMap<>();
        values.put("ecid", List.of(IdentityValue.of("123")));
        values.put("email", List.of(IdentityValue.of("pat@example.com")));
        return new IdentityMap(values);
    }

    @Test
    void shouldBelongToThePersonKeyBeforeAnyIdentity() {
        SourceKey key = SourceKey.parse("1001@mkto-1.Marketo");

        assertThat(event(key, ecidThenEmail()).personIdentity())
                .contains(new Identity(Identity.B2B_PERSON, "1001@mkto-1.Marketo"));
    }

    @Test
    void shouldPreferTheEmailToIdentitiesListedBeforeIt() {
        assertThat(event(null, ecidThenEmail()).personIdentity()).contains(new Identity("email", "pat@example.com"));
    }

    @Test
    void shouldFallBackToTheFirstIdentityWithoutAnEmail() {
        assertThat(event(null, IdentityMap.of("ecid", "123", "456")).personIdentity()).contains(new Identity("ecid", "123"));
    }

    @Test
    void shouldHaveNoPersonIdentityWithoutKeyOrIdentities() {
        assertThat(event(null, IdentityMap.empty()).personIdentity()).isEmpty();
    }
}
