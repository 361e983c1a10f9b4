package dev.tributary.profile.identity.model;

import dev.tributary.xdm.Identity;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fragments reachable from a batch's changed fragments, with the identities that link them, and the identities
 * among those that are hubs (they link nothing). Only this part of the graph is recomputed (ADR 0003).
 *
 * @param links every fragment reached, with its identities (none for a fragment without links)
 * @param hubs  identities shared by more fragments than the hub limit
 */
public record Subgraph(Map<String, Set<Identity>> links, Set<Identity> hubs) {

    /** An identity held by more fragments than the limit is a hub: it stops linking them (ADR 0003). */
    public static boolean isHub(int holders, int maxFragmentsPerIdentity) {
        return holders > maxFragmentsPerIdentity;
    }

    /**
     * Breadth first from the seeds, one round of reads a level.
     *
     * @param written the links the batch has just written, which need not be read back
     */
    public static Subgraph explore(Set<String> seeds, Map<String, Set<Identity>> written, int maxFragmentsPerIdentity,
                                   GraphReader reader) {
        Subgraph graph = new Subgraph(new HashMap<>(), new HashSet<>());
        Set<Identity> expanded = new HashSet<>();
        Set<String> frontier = new LinkedHashSet<>(seeds);
        while (!frontier.isEmpty()) {
            Map<String, Set<Identity>> read = reader.linksOf(frontier.stream().filter(k -> !written.containsKey(k)).toList());
            Set<Identity> next = new LinkedHashSet<>();
            for (String key : frontier) {
                Set<Identity> ids = written.containsKey(key) ? written.get(key) : read.getOrDefault(key, Set.of());
                graph.links.put(key, ids);
                ids.stream().filter(expanded::add).forEach(next::add);
            }
            frontier = new LinkedHashSet<>();
            if (next.isEmpty()) {
                break;
            }
            for (Map.Entry<Identity, List<String>> e : reader.holdersOf(next).entrySet()) {
                List<String> fragments = e.getValue();
                if (isHub(fragments.size(), maxFragmentsPerIdentity)) {
                    graph.hubs.add(e.getKey());
                    // only when first detected: regroup the fragments it had joined, without it
                    if (!reader.markHub(e.getKey(), fragments.size())) {
                        continue;
                    }
                }
                fragments.stream().filter(f -> !graph.links.containsKey(f)).forEach(frontier::add);
            }
        }
        return graph;
    }
}
