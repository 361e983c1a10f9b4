package dev.tributary.profile.identity.model;

import dev.tributary.xdm.Identity;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.SortedSet;
import java.util.stream.Collectors;

/** Small graphs written as {@code "fragment: identity identity"}, identities in the email namespace. */
final class Graphs {

    private Graphs() {
    }

    static Identity id(String value) {
        return new Identity(Identity.EMAIL, value);
    }

    static Map<String, Set<Identity>> links(String... lines) {
        Map<String, Set<Identity>> links = new LinkedHashMap<>();
        for (String line : lines) {
            String[] parts = line.split(":", 2);
            Set<Identity> ids = new HashSet<>();
            if (parts.length > 1 && !parts[1].isBlank()) {
                Arrays.stream(parts[1].trim().split("\\s+")).map(Graphs::id).forEach(ids::add);
            }
            links.put(parts[0].trim(), ids);
        }
        return links;
    }

    static Subgraph graph(String... lines) {
        return new Subgraph(links(lines), new HashSet<>());
    }

    static SortedSet<String> sorted(String... keys) {
        return new TreeSet<>(List.of(keys));
    }

    static List<SortedSet<String>> components(String... groups) {
        return Arrays.stream(groups).map(g -> sorted(g.split(" "))).collect(Collectors.toList());
    }

    /** New ids n1, n2, ... in the order they are asked for. */
    static java.util.function.Supplier<String> counter() {
        int[] next = {0};
        return () -> "n" + (++next[0]);
    }
}
