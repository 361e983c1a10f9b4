package dev.tributary.profile.identity.model;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.tributary.profile.identity.model.Graphs.graph;
import static dev.tributary.profile.identity.model.Graphs.id;
import static org.assertj.core.api.Assertions.assertThat;

class IdentityResolutionTest {

    @Test
    void shouldPointAnIdentityThatResolvedToNothingAtItsProfile() {
        IdentityResolution resolution = IdentityResolution.of(Map.of(), graph("a: x"), Map.of("a", "p1"));

        assertThat(resolution.added()).containsExactly(new IdentityResolution.Pointer(id("x"), "p1"));
        assertThat(resolution.repointed()).isEmpty();
        assertThat(resolution.changed()).containsExactly(id("x"));
    }

    @Test
    void shouldRepointAnIdentityWhoseProfileChangedAndLeaveTheOthers() {
        IdentityResolution resolution = IdentityResolution.of(Map.of(id("x"), "p2", id("y"), "p1"),
                graph("a: x y"), Map.of("a", "p1"));

        assertThat(resolution.repointed()).containsExactly(new IdentityResolution.Pointer(id("x"), "p1"));
        assertThat(resolution.added()).isEmpty();
        assertThat(resolution.gone()).isEmpty();
    }

    @Test
    void shouldDropAnIdentityNoLiveFragmentHoldsAnyMore() {
        // "b" is deleted: it has no profile, so what it alone held resolves to nothing
        IdentityResolution resolution = IdentityResolution.of(Map.of(id("x"), "p1", id("y"), "p1"),
                graph("a: x", "b: y"), Map.of("a", "p1"));

        assertThat(resolution.gone()).containsExactly(id("y"));
        assertThat(resolution.changed()).containsExactly(id("y"));
    }

    @Test
    void shouldNotResolveAHubToAnyProfile() {
        Subgraph graph = graph("a: hub x", "b: hub");
        graph.hubs().add(id("hub"));

        IdentityResolution resolution = IdentityResolution.of(Map.of(id("hub"), "p1"), graph, Map.of("a", "p1", "b", "p2"));

        assertThat(resolution.gone()).containsExactly(id("hub"));
        assertThat(resolution.added()).containsExactly(new IdentityResolution.Pointer(id("x"), "p1"));
    }
}
