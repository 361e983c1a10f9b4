package dev.tributary.profile.identity.model;

import dev.tributary.xdm.Identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The connected components of a subgraph's live fragments: the unified profiles they make (ADR 0003). */
public final class Components {

    private Components() {
    }

    /** Each component sorted, the components ordered by their first key: the same whatever order the links came in. */
    public static List<SortedSet<String>> of(Subgraph graph, Set<String> live) {
        Map<String, String> parent = new HashMap<>();
        Map<Identity, String> firstHolder = new HashMap<>();
        for (Map.Entry<String, Set<Identity>> e : graph.links().entrySet()) {
            String key = e.getKey();
            if (!live.contains(key)) {
                continue;
            }
            parent.putIfAbsent(key, key);
            for (Identity identity : e.getValue()) {
                if (graph.hubs().contains(identity)) {
                    continue;
                }
                String other = firstHolder.putIfAbsent(identity, key);
                if (other != null) {
                    union(parent, key, other);
                }
            }
        }
        Map<String, SortedSet<String>> byRoot = new HashMap<>();
        parent.keySet().forEach(key -> byRoot.computeIfAbsent(find(parent, key), r -> new TreeSet<>()).add(key));
        List<SortedSet<String>> result = new ArrayList<>(byRoot.values());
        result.sort(Comparator.comparing(SortedSet::first));
        return result;
    }

    private static String find(Map<String, String> parent, String key) {
        String root = key;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        while (!parent.get(key).equals(root)) {
            String next = parent.get(key);
            parent.put(key, root);
            key = next;
        }
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            // the smaller key becomes the root so the result does not depend on arrival order
            if (ra.compareTo(rb) < 0) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }
    }
}
