package dev.tributary.profile.identity.model;

import java.util.List;
import java.util.SortedSet;

/**
 * The profile one component of the graph is.
 *
 * @param fragments   the component's live fragments, sorted
 * @param profileId   a kept id, or a new one when {@code created}
 * @param created     no existing profile is owned by the component: the id is new, its anchor the first fragment
 * @param mergedIds   the other profiles the component owned, retired into {@code profileId} (oldest first)
 * @param anchorMoved the kept profile's anchor fragment left it: the first fragment becomes its anchor
 */
public record Assignment(SortedSet<String> fragments, String profileId, boolean created, List<String> mergedIds,
                         boolean anchorMoved) {

    /** The anchor a new or re-anchored profile gets. */
    public String anchorKey() {
        return fragments.first();
    }
}
