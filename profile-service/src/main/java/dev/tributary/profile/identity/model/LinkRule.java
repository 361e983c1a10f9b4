package dev.tributary.profile.identity.model;

import dev.tributary.xdm.Identity;

import java.util.Set;

/** Which accepted fragment versions change the graph, and so make the batch recompute components (ADR 0003). */
public final class LinkRule {

    private LinkRule() {
    }

    /**
     * @param wasLive   a version of the fragment was stored and not deleted
     * @param deleted   the new version is a deletion
     * @param linksNow  the identities the new version links
     * @param linksWere the identities stored for the fragment
     * @return whether the fragment's links must be written again and its components recomputed
     */
    public static boolean relinks(boolean wasLive, boolean deleted, Set<Identity> linksNow, Set<Identity> linksWere) {
        return !wasLive || deleted || !linksNow.equals(linksWere);
    }
}
