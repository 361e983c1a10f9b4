package dev.tributary.profile.identity.model;

import dev.tributary.xdm.Identity;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static dev.tributary.profile.identity.model.Graphs.graph;
import static dev.tributary.profile.identity.model.Graphs.id;
import static dev.tributary.profile.identity.model.Graphs.sorted;
import static org.assertj.core.api.Assertions.assertThat;

class ComponentsTest {

    @Test
    void shouldJoinFragmentsThatShareAnIdentity() {
        Subgraph graph = graph("a: x", "b: x", "c: y");

        assertThat(Components.of(graph, Set.of("a", "b", "c"))).containsExactly(sorted("a", "b"), sorted("c"));
    }

    @Test
    void shouldJoinFragmentsLinkedThroughAChainOfIdentities() {
        Subgraph graph = graph("a: x", "b: x y", "c: y z", "d: z");

        assertThat(Components.of(graph, Set.of("a", "b", "c", "d"))).containsExactly(sorted("a", "b", "c", "d"));
    }

    @Test
    void shouldNotLinkFragmentsThroughAHub() {
        Subgraph graph = graph("a: hub x", "b: hub", "c: x");
        graph.hubs().add(id("hub"));

        assertThat(Components.of(graph, Set.of("a", "b", "c"))).containsExactly(sorted("a", "c"), sorted("b"));
    }

    @Test
    void shouldLeaveDeletedFragmentsOutSoTheyJoinNothing() {
        Subgraph graph = graph("a: x", "deleted: x y", "c: y");

        assertThat(Components.of(graph, Set.of("a", "c"))).containsExactly(sorted("a"), sorted("c"));
    }

    @Test
    void shouldOrderComponentsByTheirFirstKey() {
        Subgraph graph = graph("z: x", "m: y", "a: x", "b: z");

        assertThat(Components.of(graph, Set.of("z", "m", "a", "b")))
                .containsExactly(sorted("a", "z"), sorted("b"), sorted("m"));
    }

    @Property(tries = 100)
    void componentsDoNotDependOnTheOrderTheLinksArriveIn(@ForAll long seed) {
        Map<String, Set<Identity>> links = randomLinks(new Random(seed));
        List<String> keys = new ArrayList<>(links.keySet());
        Collections.shuffle(keys, new Random(seed + 1));
        Map<String, Set<Identity>> reordered = new LinkedHashMap<>();
        keys.forEach(k -> reordered.put(k, links.get(k)));

        assertThat(Components.of(new Subgraph(reordered, Set.of()), reordered.keySet()))
                .isEqualTo(Components.of(new Subgraph(links, Set.of()), links.keySet()));
    }

    @Property(tries = 100)
    void fragmentsShareAComponentExactlyWhenLinksJoinThem(@ForAll long seed) {
        Map<String, Set<Identity>> links = randomLinks(new Random(seed));
        List<SortedSet<String>> components = Components.of(new Subgraph(links, Set.of()), links.keySet());

        assertThat(components.stream().mapToInt(Set::size).sum()).isEqualTo(links.size());
        for (SortedSet<String> component : components) {
            assertThat(reachable(links, component.first())).isEqualTo(component);
        }
    }

    /** Up to 12 fragments f0.. each holding some of 6 identities. */
    static Map<String, Set<Identity>> randomLinks(Random random) {
        Map<String, Set<Identity>> links = new LinkedHashMap<>();
        int fragments = 1 + random.nextInt(12);
        for (int f = 0; f < fragments; f++) {
            Set<Identity> ids = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                if (random.nextInt(5) == 0) {
                    ids.add(id("i" + i));
                }
            }
            links.put("f" + (char) ('a' + f), ids);
        }
        return links;
    }

    private static Set<String> reachable(Map<String, Set<Identity>> links, String from) {
        Set<String> seen = new TreeSet<>(List.of(from));
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        Map<Identity, List<String>> holders = new HashMap<>();
        links.forEach((k, ids) -> ids.forEach(i -> holders.computeIfAbsent(i, x -> new ArrayList<>()).add(k)));
        while (!todo.isEmpty()) {
            for (Identity i : links.get(todo.pop())) {
                for (String other : holders.get(i)) {
                    if (seen.add(other)) {
                        todo.push(other);
                    }
                }
            }
        }
        return seen;
    }
}
