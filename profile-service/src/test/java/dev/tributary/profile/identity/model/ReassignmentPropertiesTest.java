package dev.tributary.profile.identity.model;

import dev.tributary.xdm.Identity;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static dev.tributary.profile.identity.model.Graphs.counter;
import static org.assertj.core.api.Assertions.assertThat;

/** The stable-id rules of ADR 0003 over random graphs and random profiles before them. */
class ReassignmentPropertiesTest {

    /** A random subgraph, a random assignment of its fragments to earlier profiles, and its components now. */
    private record World(Map<String, Set<Identity>> links, Set<String> live, Map<String, String> currentProfile,
                         Map<String, KnownProfile> profiles, Set<String> batch) {

        static World random(long seed) {
            Random random = new Random(seed);
            Map<String, Set<Identity>> links = ComponentsTest.randomLinks(random);
            Set<String> live = new HashSet<>();
            Map<String, String> current = new HashMap<>();
            Map<String, KnownProfile> profiles = new HashMap<>();
            Set<String> batch = new HashSet<>();
            int profileCount = 1 + random.nextInt(4);
            for (String key : links.keySet()) {
                if (random.nextInt(6) != 0) {
                    live.add(key);
                }
                if (random.nextInt(4) != 0) {
                    current.put(key, "p" + random.nextInt(profileCount));
                }
                if (random.nextBoolean()) {
                    batch.add(key);
                }
            }
            List<String> keys = new ArrayList<>(links.keySet());
            for (String id : new TreeSet<>(current.values())) {
                // unique creation sequences; anchors anywhere, also on fragments gone or never theirs
                profiles.put(id, new KnownProfile(id, keys.get(random.nextInt(keys.size())), 100 + profiles.size() * 7L + random.nextInt(7)));
            }
            return new World(links, live, current, profiles, batch);
        }

        IdentityDecision decide(Map<String, String> current, Map<String, KnownProfile> known) {
            return Reassignment.decide(Components.of(new Subgraph(links, Set.of()), live), current, known, batch, counter());
        }
    }

    private static <K, V> Map<K, V> shuffled(Map<K, V> map, long seed) {
        List<K> keys = new ArrayList<>(map.keySet());
        Collections.shuffle(keys, new Random(seed));
        Map<K, V> copy = new LinkedHashMap<>();
        keys.forEach(k -> copy.put(k, map.get(k)));
        return copy;
    }

    @Property(tries = 100)
    void decisionsDoNotDependOnTheOrderProfilesAndFragmentsAreRead(@ForAll long seed) {
        World world = World.random(seed);

        IdentityDecision first = world.decide(world.currentProfile(), world.profiles());
        IdentityDecision second = world.decide(shuffled(world.currentProfile(), seed), shuffled(world.profiles(), seed + 1));

        assertThat(second.assignments()).isEqualTo(first.assignments());
        assertThat(second.splits()).isEqualTo(first.splits());
        assertThat(second.deleted()).isEqualTo(first.deleted());
        assertThat(second.profileOf()).isEqualTo(first.profileOf());
        assertThat(new HashSet<>(second.moves())).isEqualTo(new HashSet<>(first.moves()));
    }

    @Property(tries = 100)
    void aMergeKeepsTheOldestIdWhateverOrderTheProfilesCameIn(@ForAll @IntRange(min = 2, max = 8) int count,
                                                              @ForAll long seed) {
        Random random = new Random(seed);
        SortedSet<String> component = new TreeSet<>();
        Map<String, String> current = new LinkedHashMap<>();
        Map<String, KnownProfile> profiles = new LinkedHashMap<>();
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seqs.add((long) i * 10 + random.nextInt(10));
        }
        Collections.shuffle(seqs, random);
        for (int i = 0; i < count; i++) {
            String key = "f" + i;
            component.add(key);
            current.put(key, "p" + i);
            profiles.put("p" + i, new KnownProfile("p" + i, key, seqs.get(i)));
        }
        String oldest = profiles.values().stream().min(Comparator.comparingLong(KnownProfile::seq)).orElseThrow().id();

        IdentityDecision decision = Reassignment.decide(List.of(component), shuffled(current, seed),
                shuffled(profiles, seed + 1), Set.of(), counter());

        assertThat(decision.merges()).singleElement().satisfies(m -> {
            assertThat(m.survivorId()).isEqualTo(oldest);
            assertThat(m.mergedIds()).hasSize(count - 1).doesNotContain(oldest)
                    .isSortedAccordingTo(Comparator.comparingLong(id -> profiles.get(id).seq()));
        });
        assertThat(decision.profileOf().values()).containsOnly(oldest);
    }

    @Property(tries = 100)
    void aSplitWithoutItsAnchorKeepsTheIdOnTheLargerPart(@ForAll @IntRange(min = 1, max = 9) int smaller,
                                                         @ForAll @IntRange(min = 1, max = 9) int more,
                                                         @ForAll boolean largerFirst) {
        int larger = smaller + more;
        SortedSet<String> big = new TreeSet<>();
        SortedSet<String> small = new TreeSet<>();
        Map<String, String> current = new HashMap<>();
        current.put("anchor-gone", "p1");
        for (int i = 0; i < larger; i++) {
            big.add((largerFirst ? "a" : "z") + i);
        }
        for (int i = 0; i < smaller; i++) {
            small.add((largerFirst ? "z" : "a") + i);
        }
        big.forEach(k -> current.put(k, "p1"));
        small.forEach(k -> current.put(k, "p1"));
        List<SortedSet<String>> components = largerFirst ? List.of(big, small) : List.of(small, big);

        IdentityDecision decision = Reassignment.decide(components, current,
                Map.of("p1", new KnownProfile("p1", "anchor-gone", 1)), Set.of("anchor-gone"), counter());

        big.forEach(k -> assertThat(decision.profileOf()).containsEntry(k, "p1"));
        small.forEach(k -> assertThat(decision.profileOf()).containsEntry(k, "n1"));
        assertThat(decision.splits()).containsExactly(new Split("p1", List.of("n1")));
    }

    @Property(tries = 100)
    void aComponentsIdIsStableWhenTheSameGraphIsDecidedAgain(@ForAll long seed) {
        World world = World.random(seed);
        IdentityDecision first = world.decide(world.currentProfile(), world.profiles());

        // the state the first decision leaves: every live fragment on its profile, anchors where it put them
        Map<String, KnownProfile> after = new HashMap<>();
        for (Assignment a : first.assignments()) {
            String anchor = a.created() || a.anchorMoved() ? a.anchorKey() : world.profiles().get(a.profileId()).anchorKey();
            after.put(a.profileId(), new KnownProfile(a.profileId(), anchor, a.created() ? 1000 : world.profiles().get(a.profileId()).seq()));
        }
        IdentityDecision again = Reassignment.decide(Components.of(new Subgraph(world.links(), Set.of()), world.live()),
                first.profileOf(), after, Set.of(), () -> "never");

        assertThat(again.profileOf()).isEqualTo(first.profileOf());
        assertThat(again.created()).isEmpty();
        assertThat(again.merges()).isEmpty();
        assertThat(again.splits()).isEmpty();
        assertThat(again.deleted()).isEmpty();
        assertThat(again.anchorMoves()).isEmpty();
        assertThat(again.moves()).isEmpty();
    }

    @Property(tries = 100)
    void everyLiveFragmentOfTheGraphEndsOnExactlyOneProfileAndEveryProfileOnOneComponent(@ForAll long seed) {
        World world = World.random(seed);
        IdentityDecision decision = world.decide(world.currentProfile(), world.profiles());

        assertThat(decision.profileOf().keySet()).isEqualTo(world.live());
        assertThat(decision.profiles()).hasSize(decision.assignments().size());
        // every earlier profile is kept, merged, or deleted: none is lost without a trace
        Set<String> accounted = new HashSet<>(decision.profiles());
        decision.merges().forEach(m -> accounted.addAll(m.mergedIds()));
        accounted.addAll(decision.deleted());
        assertThat(accounted).containsAll(world.profiles().keySet());
    }
}
