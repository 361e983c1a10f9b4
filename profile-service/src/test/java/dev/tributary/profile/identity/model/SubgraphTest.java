package dev.tributary.profile.identity.model;

import dev.tributary.xdm.Identity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.tributary.profile.identity.model.Graphs.id;
import static dev.tributary.profile.identity.model.Graphs.links;
import static org.assertj.core.api.Assertions.assertThat;

class SubgraphTest {

    /** A stored graph in memory, remembering what it was asked. */
    private static final class StoredGraph implements GraphReader {
        final Map<String, Set<Identity>> links;
        final Set<Identity> knownHubs = new HashSet<>();
        final List<String> read = new ArrayList<>();
        final List<Identity> marked = new ArrayList<>();

        StoredGraph(String... lines) {
            this.links = links(lines);
        }

        @Override
        public Map<String, Set<Identity>> linksOf(Collection<String> fragments) {
            read.addAll(fragments);
            Map<String, Set<Identity>> result = new HashMap<>();
            fragments.stream().filter(links::containsKey).forEach(f -> result.put(f, links.get(f)));
            return result;
        }

        @Override
        public Map<Identity, List<String>> holdersOf(Collection<Identity> identities) {
            Map<Identity, List<String>> holders = new HashMap<>();
            links.forEach((key, ids) -> ids.stream().filter(identities::contains)
                    .forEach(i -> holders.computeIfAbsent(i, x -> new ArrayList<>()).add(key)));
            return holders;
        }

        @Override
        public boolean markHub(Identity identity, int fragments) {
            marked.add(identity);
            return knownHubs.add(identity);
        }
    }

    @Test
    void shouldReachEveryFragmentLinkedToTheSeedsAndNoOther() {
        StoredGraph stored = new StoredGraph("a: x", "b: x y", "c: y", "d: z");

        Subgraph graph = Subgraph.explore(Set.of("a"), Map.of(), 50, stored);

        assertThat(graph.links().keySet()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(graph.hubs()).isEmpty();
    }

    @Test
    void shouldNotReadBackTheLinksTheBatchHasJustWritten() {
        StoredGraph stored = new StoredGraph("a: x", "b: x");

        Subgraph graph = Subgraph.explore(Set.of("a"), Map.of("a", Set.of(id("x"))), 50, stored);

        assertThat(stored.read).containsExactly("b");
        assertThat(graph.links().keySet()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void shouldMarkANewHubAndStillRegroupTheFragmentsItHadJoined() {
        StoredGraph stored = new StoredGraph("a: hub", "b: hub", "c: hub");

        Subgraph graph = Subgraph.explore(Set.of("a"), Map.of(), 2, stored);

        assertThat(graph.hubs()).containsExactly(id("hub"));
        assertThat(stored.marked).containsExactly(id("hub"));
        assertThat(graph.links().keySet()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(Components.of(graph, graph.links().keySet())).hasSize(3);
    }

    @Test
    void shouldNotFollowAHubKnownBefore() {
        StoredGraph stored = new StoredGraph("a: hub", "b: hub", "c: hub");
        stored.knownHubs.add(id("hub"));

        Subgraph graph = Subgraph.explore(Set.of("a"), Map.of(), 2, stored);

        assertThat(graph.hubs()).containsExactly(id("hub"));
        assertThat(graph.links().keySet()).containsExactly("a");
    }

    @Test
    void shouldCallAnIdentityAHubOnlyPastTheLimit() {
        assertThat(Subgraph.isHub(50, 50)).isFalse();
        assertThat(Subgraph.isHub(51, 50)).isTrue();
    }
}
