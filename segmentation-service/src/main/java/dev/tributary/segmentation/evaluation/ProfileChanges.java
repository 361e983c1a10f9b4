package dev.tributary.segmentation.evaluation;

import dev.tributary.xdm.profile.v1.ProfileChanged;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The person and account ids a batch of profile change messages named, each with what changed while
 * every message about it said exactly ({@link ProfileChanged#changes()}); null once one did not.
 */
final class ProfileChanges {

    private final Map<String, List<ProfileChanged.Change>> persons = new LinkedHashMap<>();
    private final Map<String, List<ProfileChanged.Change>> accounts = new LinkedHashMap<>();

    /** @param details what changed, or null when not described: anything about the id may have changed */
    void add(String entityType, String id, List<ProfileChanged.Change> details) {
        Map<String, List<ProfileChanged.Change>> into = "account".equals(entityType) ? accounts : persons;
        if (!into.containsKey(id)) {
            into.put(id, details == null ? null : new ArrayList<>(details));
        } else if (details == null) {
            into.put(id, null);
        } else if (into.get(id) != null) {
            into.get(id).addAll(details);
        }
    }

    /** Person ids, each with its described changes or null. */
    Map<String, List<ProfileChanged.Change>> persons() {
        return persons;
    }

    Map<String, List<ProfileChanged.Change>> accounts() {
        return accounts;
    }

    boolean isEmpty() {
        return persons.isEmpty() && accounts.isEmpty();
    }
}
