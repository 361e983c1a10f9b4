package dev.tributary.profile.changes;

import dev.tributary.profile.ProfileKind;
import dev.tributary.xdm.profile.v1.ProfileChanged;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The profile changes of one transaction, collected while it runs and written to the outbox at its
 * end. Several reasons for one profile become one {@code ProfileChanged}; it describes exactly what changed
 * ({@link ProfileChanged#changes()}) only when every reason given for the profile came with its description.
 */
public class ChangeSet {

    public record ProfileRef(ProfileKind type, String id) {
    }

    public record Merge(ProfileKind type, String survivorId, List<String> mergedIds) {
    }

    public record Split(ProfileKind type, String survivorId, List<String> newIds) {
    }

    /** The reasons a profile changed and, while every reason came with one, what exactly changed. */
    public static final class Entry {
        private final Set<String> reasons = new LinkedHashSet<>();
        private List<ProfileChanged.Change> details = new ArrayList<>();

        public Set<String> reasons() {
            return reasons;
        }

        /** Null when some reason came without a description. */
        public List<ProfileChanged.Change> details() {
            return details == null ? null : List.copyOf(details);
        }
    }

    private final Map<ProfileRef, Entry> changed = new LinkedHashMap<>();
    private final List<Merge> merges = new ArrayList<>();
    private final List<Split> splits = new ArrayList<>();
    private final List<ProfileRef> deletions = new ArrayList<>();

    /** A change of the profile that is not described: consumers must assume anything about it changed. */
    public void changed(ProfileKind type, String id, String reason) {
        Entry entry = entry(type, id, reason);
        entry.details = null;
    }

    /** A change described exactly by {@code detail}. */
    public void changed(ProfileKind type, String id, String reason, ProfileChanged.Change detail) {
        Entry entry = entry(type, id, reason);
        if (entry.details != null) {
            entry.details.add(detail);
        }
    }

    private Entry entry(ProfileKind type, String id, String reason) {
        Entry entry = changed.computeIfAbsent(new ProfileRef(type, id), k -> new Entry());
        entry.reasons.add(reason);
        return entry;
    }

    public void merged(ProfileKind type, String survivorId, List<String> mergedIds) {
        merges.add(new Merge(type, survivorId, List.copyOf(mergedIds)));
        changed(type, survivorId, "merged");
    }

    public void split(ProfileKind type, String survivorId, List<String> newIds) {
        splits.add(new Split(type, survivorId, List.copyOf(newIds)));
        changed(type, survivorId, "split");
        newIds.forEach(id -> changed(type, id, "split"));
    }

    public void deleted(ProfileKind type, String id) {
        deletions.add(new ProfileRef(type, id));
        changed.remove(new ProfileRef(type, id));
    }

    public Map<ProfileRef, Entry> changed() {
        return changed;
    }

    public List<Merge> merges() {
        return merges;
    }

    public List<Split> splits() {
        return splits;
    }

    public List<ProfileRef> deletions() {
        return deletions;
    }

    public boolean isEmpty() {
        return changed.isEmpty() && merges.isEmpty() && splits.isEmpty() && deletions.isEmpty();
    }
}
