package dev.tributary.profile.identity.model;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static dev.tributary.profile.identity.model.Graphs.id;
import static org.assertj.core.api.Assertions.assertThat;

class LinkRuleTest {

    @Test
    void shouldRelinkAFragmentSeenForTheFirstTime() {
        assertThat(LinkRule.relinks(false, false, Set.of(id("x")), Set.of())).isTrue();
    }

    @Test
    void shouldRelinkADeletion() {
        assertThat(LinkRule.relinks(true, true, Set.of(), Set.of(id("x")))).isTrue();
    }

    @Test
    void shouldRelinkAFragmentWhoseIdentitiesChanged() {
        assertThat(LinkRule.relinks(true, false, Set.of(id("x"), id("y")), Set.of(id("x")))).isTrue();
    }

    @Test
    void shouldRelinkAFragmentComingBackFromDeletionWithItsOldIdentities() {
        assertThat(LinkRule.relinks(false, false, Set.of(id("x")), Set.of(id("x")))).isTrue();
    }

    @Test
    void shouldNotRelinkALiveFragmentWithTheSameIdentities() {
        assertThat(LinkRule.relinks(true, false, Set.of(id("x"), id("y")), Set.of(id("y"), id("x")))).isFalse();
    }
}
