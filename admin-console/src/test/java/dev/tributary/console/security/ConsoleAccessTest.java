package dev.tributary.console.security;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleAccessTest {

    @Test
    void shouldLetEveryRoleReadThePages() {
        for (String page : new String[]{"/", "/profiles", "/profiles/persons/per_1", "/segments", "/segments/s1",
                "/segments/s1/members/per_1", "/activations", "/activations/a1", "/sources", "/sources/src1"}) {
            assertThat(ConsoleAccess.needed(HttpMethod.GET, page)).as(page).isEqualTo(Role.VIEWER);
        }
    }

    @Test
    void shouldKeepTheSegmentBuilderAndEveryAudienceChangeForMarketers() {
        assertThat(ConsoleAccess.needed(HttpMethod.GET, "/segments/new")).isEqualTo(Role.MARKETER);
        assertThat(ConsoleAccess.needed(HttpMethod.POST, "/segments")).isEqualTo(Role.MARKETER);
        assertThat(ConsoleAccess.needed(HttpMethod.POST, "/segments/preview")).isEqualTo(Role.MARKETER);
        assertThat(ConsoleAccess.needed(HttpMethod.POST, "/segments/s1/evaluate")).isEqualTo(Role.MARKETER);
        assertThat(ConsoleAccess.needed(HttpMethod.POST, "/activations")).isEqualTo(Role.MARKETER);
        assertThat(ConsoleAccess.needed(HttpMethod.POST, "/activations/a1/reconcile")).isEqualTo(Role.MARKETER);
    }

    @Test
    void shouldKeepWhatHoldsCredentialsForAdmins() {
        assertThat(ConsoleAccess.needed(HttpMethod.GET, "/api-keys")).isEqualTo(Role.ADMIN);
        assertThat(ConsoleAccess.needed(HttpMethod.POST, "/api-keys/k1/revoke")).isEqualTo(Role.ADMIN);
        assertThat(ConsoleAccess.needed(HttpMethod.GET, "/destinations/new")).isEqualTo(Role.ADMIN);
        assertThat(ConsoleAccess.needed(HttpMethod.POST, "/destinations")).isEqualTo(Role.ADMIN);
        assertThat(ConsoleAccess.needed(HttpMethod.POST, "/destinations/d1/test")).isEqualTo(Role.ADMIN);
        assertThat(ConsoleAccess.needed(HttpMethod.GET, "/sources/new")).isEqualTo(Role.ADMIN);
        assertThat(ConsoleAccess.needed(HttpMethod.POST, "/sources")).isEqualTo(Role.ADMIN);
        assertThat(ConsoleAccess.needed(HttpMethod.POST, "/sources/src1/run")).isEqualTo(Role.ADMIN);
        assertThat(ConsoleAccess.needed(HttpMethod.GET, "/sources/src1/edit")).isEqualTo(Role.ADMIN);
        assertThat(ConsoleAccess.needed(HttpMethod.POST, "/sources/src1")).isEqualTo(Role.ADMIN);
    }

    @Test
    void shouldLetEachRoleDoWhatTheRolesBelowItDo() {
        assertThat(Role.ADMIN.allows(Role.MARKETER)).isTrue();
        assertThat(Role.MARKETER.allows(Role.VIEWER)).isTrue();
        assertThat(Role.VIEWER.allows(Role.MARKETER)).isFalse();
        assertThat(Role.MARKETER.allows(Role.ADMIN)).isFalse();
    }
}
