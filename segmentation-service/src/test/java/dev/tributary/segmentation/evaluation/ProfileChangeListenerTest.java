package dev.tributary.segmentation.evaluation;

import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.messaging.Envelope;
import dev.tributary.xdm.profile.v1.ProfileChanged;
import dev.tributary.xdm.profile.v1.ProfilesMerged;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileChangeListenerTest {

    private static String message(String type, Object payload) {
        return XdmJson.mapper().writeValueAsString(Envelope.of(type, "k", payload, XdmJson.mapper()));
    }

    @Test
    void shouldTellAPersonWithOnlyNewEventsFromOtherChanges() {
        Instant now = Instant.parse("2026-11-29T12:00:00Z");

        ProfileChangeListener.Changed view = ProfileChangeListener.read(message(ProfileChanged.TYPE, new ProfileChanged("person", "per_1", List.of("events"), now)));
        ProfileChangeListener.Changed viewAndTitle = ProfileChangeListener.read(
                message(ProfileChanged.TYPE, new ProfileChanged("person", "per_1", List.of("attributes", "events"), now)));
        ProfileChangeListener.Changed merge = ProfileChangeListener.read(
                message(ProfilesMerged.TYPE, new ProfilesMerged("person", "per_1", List.of("per_2"), now)));

        assertThat(view.eventsOnly()).isTrue();
        assertThat(view.ids()).containsExactly("per_1");
        assertThat(viewAndTitle.eventsOnly()).isFalse();
        assertThat(merge.eventsOnly()).isFalse();
        assertThat(merge.ids()).containsExactly("per_1", "per_2");
    }
}
