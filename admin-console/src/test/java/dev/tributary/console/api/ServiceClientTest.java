package dev.tributary.console.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceClientTest {

    @Test
    void shouldLeaveIdentityValuesOutOfTheLoggedPath() {
        assertThat(ServiceClient.pathOnly("/v1/persons?identity=email%3Ap2%40townsend.com")).isEqualTo("/v1/persons");
        assertThat(ServiceClient.pathOnly("/v1/segments/s1/members/p2@townsend.com/explanation")).doesNotContain("townsend");
        assertThat(ServiceClient.pathOnly("/v1/segments/s1/members?limit=1")).isEqualTo("/v1/segments/s1/members");
    }
}
