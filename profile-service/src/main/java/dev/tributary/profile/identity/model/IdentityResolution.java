package dev.tributary.profile.identity.model;

import dev.tributary.xdm.Identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the profile each identity resolves to ({@code identity_profile}) changes after a reassignment.
 *
 * @param gone     identities no live fragment of the components holds any more
 * @param added    identities that resolved to nothing before
 * @param repointed identities that resolved to another profile before
 */
public record IdentityResolution(List<Identity> gone, List<Pointer> added, List<Pointer> repointed) {

    /** An identity and the profile it resolves to. */
    public record Pointer(Identity identity, String profileId) {
    }

    /**
     * @param before   what each identity that may change resolves to now (identities resolving to nothing left out)
     * @param assigned the profile of every live fragment of the subgraph
     */
    public static IdentityResolution of(Map<Identity, String> before, Subgraph graph, Map<String, String> assigned) {
        Map<Identity, String> after = new HashMap<>();
        // fragments in key order, so an identity two of them hold resolves the same way in every run
        for (String key : new TreeSet<>(assigned.keySet())) {
            for (Identity identity : graph.links().getOrDefault(key, Set.of())) {
                if (!graph.hubs().contains(identity)) {
                    after.putIfAbsent(identity, assigned.get(key));
                }
            }
        }
        List<Identity> gone = before.keySet().stream().filter(i -> !after.containsKey(i)).toList();
        List<Pointer> added = new ArrayList<>();
        List<Pointer> repointed = new ArrayList<>();
        after.forEach((identity, profileId) -> {
            String was = before.get(identity);
            if (was == null) {
                added.add(new Pointer(identity, profileId));
            } else if (!was.equals(profileId)) {
                repointed.add(new Pointer(identity, profileId));
            }
        });
        return new IdentityResolution(gone, added, repointed);
    }

    /** Every identity whose resolution changed: the rows referring to them must be resolved again. */
    public List<Identity> changed() {
        List<Identity> changed = new ArrayList<>(gone);
        added.forEach(p -> changed.add(p.identity()));
        repointed.forEach(p -> changed.add(p.identity()));
        return changed;
    }
}
