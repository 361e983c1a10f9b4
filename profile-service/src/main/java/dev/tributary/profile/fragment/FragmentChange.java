package dev.tributary.profile.fragment;

/** An accepted change: the new version and what was stored before it (null for a new fragment). */
public record FragmentChange(IncomingRecord incoming, StoredFragment previous) {

    public String sourceKey() {
        return incoming.key().sourceKey();
    }
}
