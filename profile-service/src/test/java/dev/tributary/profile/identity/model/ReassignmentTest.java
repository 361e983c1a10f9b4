package dev.tributary.profile.identity.model;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.tributary.profile.identity.model.Graphs.components;
import static dev.tributary.profile.identity.model.Graphs.counter;
import static org.assertj.core.api.Assertions.assertThat;

class ReassignmentTest {

    private static Map<String, KnownProfile> profiles(KnownProfile... profiles) {
        Map<String, KnownProfile> byId = new HashMap<>();
        for (KnownProfile p : profiles) {
            byId.put(p.id(), p);
        }
        return byId;
    }

    @Test
    void shouldCreateAProfileAnchoredOnItsFirstFragmentForAComponentThatOwnsNone() {
        IdentityDecision decision = Reassignment.decide(components("b a"), Map.of(), Map.of(), Set.of("a", "b"), counter());

        assertThat(decision.assignments()).singleElement()
                .satisfies(a -> assertThat(a.created()).isTrue())
                .satisfies(a -> assertThat(a.profileId()).isEqualTo("n1"));
        assertThat(decision.created()).containsExactly(Map.entry("n1", "a"));
        assertThat(decision.profileOf()).containsOnly(Map.entry("a", "n1"), Map.entry("b", "n1"));
        assertThat(decision.merges()).isEmpty();
        assertThat(decision.moves()).isEmpty();
    }

    @Test
    void shouldKeepTheIdOfTheProfileWhoseAnchorTheComponentHolds() {
        IdentityDecision decision = Reassignment.decide(components("a b c"), Map.of("a", "p1", "b", "p1"),
                profiles(new KnownProfile("p1", "a", 1)), Set.of("c"), counter());

        assertThat(decision.profiles()).containsExactly("p1");
        assertThat(decision.created()).isEmpty();
        assertThat(decision.anchorMoves()).isEmpty();
        assertThat(decision.profileOf()).containsEntry("c", "p1");
    }

    @Test
    void shouldMergeIntoTheOldestProfileAndRetireTheOthers() {
        IdentityDecision decision = Reassignment.decide(components("a b c"), Map.of("a", "p7", "b", "p3", "c", "p5"),
                profiles(new KnownProfile("p7", "a", 7), new KnownProfile("p3", "b", 3), new KnownProfile("p5", "c", 5)),
                Set.of("a"), counter());

        assertThat(decision.merges()).containsExactly(new Merge("p3", List.of("p5", "p7")));
        assertThat(decision.profileOf()).containsOnly(Map.entry("a", "p3"), Map.entry("b", "p3"), Map.entry("c", "p3"));
        // the batch's own fragment is written later; the stored one moves now
        assertThat(decision.moves()).containsExactly(new FragmentMove("c", "p3"));
        assertThat(decision.deleted()).isEmpty();
        assertThat(decision.splits()).isEmpty();
    }

    @Test
    void shouldLeaveTheIdWithThePartHoldingTheAnchorOnASplit() {
        IdentityDecision decision = Reassignment.decide(components("a", "b c"), Map.of("a", "p1", "b", "p1", "c", "p1"),
                profiles(new KnownProfile("p1", "a", 1)), Set.of("b"), counter());

        assertThat(decision.profileOf()).containsEntry("a", "p1").containsEntry("b", "n1").containsEntry("c", "n1");
        assertThat(decision.splits()).containsExactly(new Split("p1", List.of("n1")));
        assertThat(decision.created()).containsExactly(Map.entry("n1", "b"));
    }

    @Test
    void shouldLeaveTheIdWithTheLargerPartAndReanchorItWhenTheAnchorIsGone() {
        IdentityDecision decision = Reassignment.decide(components("a", "b c"),
                Map.of("gone", "p1", "a", "p1", "b", "p1", "c", "p1"), profiles(new KnownProfile("p1", "gone", 1)),
                Set.of("gone"), counter());

        assertThat(decision.profileOf()).containsEntry("a", "n1").containsEntry("b", "p1").containsEntry("c", "p1");
        assertThat(decision.anchorMoves()).singleElement().satisfies(a -> {
            assertThat(a.profileId()).isEqualTo("p1");
            assertThat(a.anchorKey()).isEqualTo("b");
        });
        assertThat(decision.splits()).containsExactly(new Split("p1", List.of("n1")));
    }

    @Test
    void shouldLeaveTheIdWithTheFirstComponentWhenTheSplitPartsAreEqualAndTheAnchorIsGone() {
        IdentityDecision decision = Reassignment.decide(components("a", "b"), Map.of("gone", "p1", "a", "p1", "b", "p1"),
                profiles(new KnownProfile("p1", "gone", 1)), Set.of("gone"), counter());

        assertThat(decision.profileOf()).containsEntry("a", "p1").containsEntry("b", "n1");
    }

    @Test
    void shouldDeleteAProfileLeftWithoutALiveFragment() {
        IdentityDecision decision = Reassignment.decide(components("b"), Map.of("a", "p1", "b", "p2"),
                profiles(new KnownProfile("p1", "a", 1), new KnownProfile("p2", "b", 2)), Set.of("a"), counter());

        assertThat(decision.deleted()).containsExactly("p1");
        assertThat(decision.profiles()).containsExactly("p2");
        assertThat(decision.splits()).isEmpty();
    }

    @Test
    void shouldMoveAStoredFragmentThatLeftEveryComponentToNoProfile() {
        IdentityDecision decision = Reassignment.decide(components("a"), Map.of("a", "p1", "deleted", "p1"),
                profiles(new KnownProfile("p1", "a", 1)), Set.of("a"), counter());

        assertThat(decision.moves()).containsExactly(new FragmentMove("deleted", null));
    }

    @Test
    void shouldMoveNeitherTheBatchsFragmentsNorThoseWhoseProfileStays() {
        IdentityDecision decision = Reassignment.decide(components("a b", "c"), Map.of("a", "p1", "b", "p1"),
                profiles(new KnownProfile("p1", "a", 1)), Set.of("c"), counter());

        assertThat(decision.moves()).isEmpty();
        assertThat(decision.profileOf()).containsEntry("c", "n1");
    }

    @Test
    void shouldGiveNewProfilesTheirIdsInComponentOrder() {
        IdentityDecision decision = Reassignment.decide(components("a", "b", "c"), Map.of("b", "p1"),
                profiles(new KnownProfile("p1", "b", 1)), Set.of("a", "c"), counter());

        assertThat(decision.profiles()).containsExactly("n1", "p1", "n2");
        assertThat(decision.created()).containsExactly(Map.entry("n1", "a"), Map.entry("n2", "c"));
    }
}
