package dev.tributary.profile.changes;

import dev.tributary.profile.EntityType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The profile changes of one transaction, collected while it runs and written to the outbox at its
 * end. Several reasons for one profile become one {@code ProfileChanged}.
 */
public class ChangeSet {

    public record ProfileRef(EntityType type, String id) {
    }

    public record Merge(EntityType type, String survivorId, List<String> mergedIds) {
    }

    public record Split(EntityType type, String survivorId, List<String> newIds) {
    }

    private final Map<ProfileRef, Set<String>> changed = new LinkedHashMap<>();
    private final List<Merge> merges = new ArrayList<>();
    private final List<Split> splits = new ArrayList<>();
    private final List<ProfileRef> deletions = new ArrayList<>();

    public void changed(EntityType type, String id, String reason) {
        changed.computeIfAbsent(new ProfileRef(type, id), k -> new LinkedHashSet<>()).add(reason);
    }

    public void merged(EntityType type, String survivorId, List<String> mergedIds) {
        merges.add(new Merge(type, survivorId, List.copyOf(mergedIds)));
        changed(type, survivorId, "merged");
    }

    public void split(EntityType type, String survivorId, List<String> newIds) {
        splits.add(new Split(type, survivorId, List.copyOf(newIds)));
        changed(type, survivorId, "split");
        newIds.forEach(id -> changed(type, id, "split"));
    }

    public void deleted(EntityType type, String id) {
        deletions.add(new ProfileRef(type, id));
        changed.remove(new ProfileRef(type, id));
    }

    public Map<ProfileRef, Set<String>> changed() {
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
