package dev.tributary.profile.identity;

import dev.tributary.profile.EntityType;
import dev.tributary.profile.ProfileProperties;
import dev.tributary.profile.changes.ChangeSet;
import dev.tributary.profile.fragment.FragmentChange;
import dev.tributary.xdm.Identity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The identity graph: fragments linked by shared identities. Its connected components are the unified
 * profiles. After fragments change, {@link #relink} recomputes only the components they touch, then
 * gives each component an id: merges keep the oldest profile id (the others become aliases), and a
 * split leaves the id with the part holding the profile's anchor fragment.
 */
@Component
public class IdentityGraph {

    private static final Logger log = LoggerFactory.getLogger(IdentityGraph.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final IdentityExtractor extractor;
    private final ReferenceResolver references;
    private final int maxFragmentsPerIdentity;
    private final GraphLock graphLock;

    public IdentityGraph(JdbcClient jdbc, JdbcTemplate jdbcTemplate, IdentityExtractor extractor,
                         ReferenceResolver references, ProfileProperties properties, GraphLock graphLock) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.extractor = extractor;
        this.references = references;
        this.maxFragmentsPerIdentity = properties.identity().maxFragmentsPerIdentity();
        this.graphLock = graphLock;
    }

    private record ProfileRow(String id, String anchorKey, long seq) {
    }

    /**
     * What {@link #relink} decided for a batch's fragments of one entity type.
     *
     * @param profiles  ids of the live profiles whose fragments changed
     * @param profileOf the profile of each of the batch's fragments that belongs to one, by source key: the
     *                  profile id to write with it ({@link dev.tributary.profile.fragment.FragmentStore#write})
     * @param created   the profiles this batch creates, in creation order, with their anchor fragment: not
     *                  written yet, the merged attributes are written with them
     *                  ({@link dev.tributary.profile.merge.AttributeMerger#recompute})
     */
    public record Relinked(Set<String> profiles, Map<String, String> profileOf, Map<String, String> created) {
    }

    /**
     * Applies the identity changes of accepted fragment versions of one entity type and reassigns the
     * profiles of every component they touch. The versions themselves are not stored yet: what the graph reads
     * of them (live or deleted, their profile so far) comes from the changes, and other fragments the
     * reassignment moves are updated here.
     */
    public Relinked relink(EntityType type, List<FragmentChange> changes, ChangeSet changeSet) {
        Map<String, String> profileOf = new HashMap<>();
        for (FragmentChange change : changes) {
            if (!change.incoming().deleted() && change.previous() != null && change.previous().profileId() != null) {
                profileOf.put(change.sourceKey(), change.previous().profileId());
            }
        }
        if (changes.isEmpty()) {
            return new Relinked(Set.of(), profileOf, Map.of());
        }
        List<String> keys = changes.stream().map(FragmentChange::sourceKey).toList();
        // a fragment seen for the first time has no links, refusals or profile yet: only the others are looked up
        Set<String> known = changes.stream().filter(c -> c.previous() != null).map(FragmentChange::sourceKey)
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
        Map<String, Set<Identity>> oldLinks = linksOf(known);
        Map<String, Set<Identity>> newLinks = new HashMap<>();
        List<Object[]> refusals = new ArrayList<>();
        Set<String> dirty = new LinkedHashSet<>();
        for (FragmentChange change : changes) {
            IdentityExtractor.Extracted extracted = extractor.extract(type, change.incoming());
            newLinks.put(change.sourceKey(), extracted.identities());
            extracted.refused().forEach(r -> refusals.add(new Object[]{
                    change.sourceKey(), r.identity().namespace(), r.identity().value(), r.reason()}));
            boolean wasLive = change.previous() != null && !change.previous().deleted();
            if (!wasLive || change.incoming().deleted()
                    || !extracted.identities().equals(oldLinks.getOrDefault(change.sourceKey(), Set.of()))) {
                dirty.add(change.sourceKey());
            }
        }
        writeRefusals(known, refusals);
        if (dirty.isEmpty()) {
            return new Relinked(Set.of(), profileOf, Map.of());
        }
        graphLock.exclusive();
        replaceLinks(type, dirty.stream().filter(known::contains).toList(), dirty, newLinks);

        // the new components of the changed fragments, and whatever is left of their old profiles
        Set<String> seeds = new LinkedHashSet<>(dirty);
        Set<String> oldProfiles = new HashSet<>();
        changes.stream().filter(c -> dirty.contains(c.sourceKey()) && c.previous() != null && c.previous().profileId() != null)
                .forEach(c -> oldProfiles.add(c.previous().profileId()));
        seeds.addAll(fragmentsOfProfiles(oldProfiles));
        Subgraph graph = explore(type, seeds, newLinks);

        Set<Identity> identitiesToResolve = new HashSet<>();
        graph.links.values().forEach(identitiesToResolve::addAll);
        dirty.forEach(k -> identitiesToResolve.addAll(oldLinks.getOrDefault(k, Set.of())));
        Map<String, FragmentChange> batch = new HashMap<>();
        changes.forEach(c -> batch.put(c.sourceKey(), c));
        return assign(type, graph, batch, profileOf, identitiesToResolve, changeSet);
    }

    /** The fragments reachable from the seeds, with the identities that link them. */
    private static final class Subgraph {
        final Map<String, Set<Identity>> links = new HashMap<>();
        final Set<Identity> hubs = new HashSet<>();
    }

    /** @param written the links this batch just wrote, which need not be read back */
    private Subgraph explore(EntityType type, Set<String> seeds, Map<String, Set<Identity>> written) {
        Subgraph graph = new Subgraph();
        Set<Identity> expanded = new HashSet<>();
        Set<String> frontier = new LinkedHashSet<>(seeds);
        while (!frontier.isEmpty()) {
            Map<String, Set<Identity>> frontierLinks = linksOf(frontier.stream().filter(k -> !written.containsKey(k)).toList());
            frontier.stream().filter(written::containsKey).forEach(k -> frontierLinks.put(k, written.get(k)));
            Set<Identity> next = new LinkedHashSet<>();
            for (String key : frontier) {
                Set<Identity> ids = frontierLinks.getOrDefault(key, Set.of());
                graph.links.put(key, ids);
                ids.stream().filter(expanded::add).forEach(next::add);
            }
            frontier = new LinkedHashSet<>();
            if (next.isEmpty()) {
                break;
            }
            Map<Identity, List<String>> holders = holdersOf(type, next);
            for (Map.Entry<Identity, List<String>> e : holders.entrySet()) {
                List<String> fragments = e.getValue();
                if (fragments.size() > maxFragmentsPerIdentity) {
                    graph.hubs.add(e.getKey());
                    // only when first detected: regroup the fragments it had joined, without it
                    if (!markHub(type, e.getKey(), fragments.size())) {
                        continue;
                    }
                }
                fragments.stream().filter(f -> !graph.links.containsKey(f)).forEach(frontier::add);
            }
        }
        return graph;
    }

    /**
     * @param batch     the batch's changes, not stored yet
     * @param profileOf filled in with the profile of each of the batch's fragments in the graph
     */
    private Relinked assign(EntityType type, Subgraph graph, Map<String, FragmentChange> batch, Map<String, String> profileOf,
                            Set<Identity> identitiesToResolve, ChangeSet changeSet) {
        Map<String, String> currentProfile = new HashMap<>();
        Set<String> live = new HashSet<>();
        jdbc.sql("SELECT source_key, profile_id, deleted FROM fragment WHERE source_key = ANY(?)")
                .param(graph.links.keySet().stream().filter(k -> !batch.containsKey(k)).toArray(String[]::new))
                .query(rs -> {
                    if (rs.getString(2) != null) {
                        currentProfile.put(rs.getString(1), rs.getString(2));
                    }
                    if (!rs.getBoolean(3)) {
                        live.add(rs.getString(1));
                    }
                });
        for (String key : graph.links.keySet()) {
            FragmentChange change = batch.get(key);
            if (change == null) {
                continue;
            }
            if (change.previous() != null && change.previous().profileId() != null) {
                currentProfile.put(key, change.previous().profileId());
            }
            if (!change.incoming().deleted()) {
                live.add(key);
            }
        }

        List<TreeSet<String>> components = components(graph, live);
        Map<String, Integer> componentOf = new HashMap<>();
        for (int i = 0; i < components.size(); i++) {
            for (String key : components.get(i)) {
                componentOf.put(key, i);
            }
        }
        Map<String, List<String>> keysOfProfile = new HashMap<>();
        currentProfile.forEach((key, pid) -> keysOfProfile.computeIfAbsent(pid, p -> new ArrayList<>()).add(key));
        Map<String, ProfileRow> profiles = profiles(keysOfProfile.keySet());

        // which component keeps each existing profile id
        Map<String, Integer> owner = new HashMap<>();
        for (ProfileRow profile : profiles.values()) {
            Integer byAnchor = componentOf.get(profile.anchorKey());
            if (byAnchor != null) {
                owner.put(profile.id(), byAnchor);
                continue;
            }
            Map<Integer, Integer> sizes = new HashMap<>();
            for (String key : keysOfProfile.get(profile.id())) {
                Integer c = componentOf.get(key);
                if (c != null) {
                    sizes.merge(c, 1, Integer::sum);
                }
            }
            sizes.entrySet().stream()
                    .max(Comparator.<Map.Entry<Integer, Integer>>comparingInt(Map.Entry::getValue)
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .ifPresent(best -> owner.put(profile.id(), best.getKey()));
        }

        Map<String, String> assigned = new HashMap<>();
        Map<String, String> created = new LinkedHashMap<>();
        List<Object[]> anchorMoves = new ArrayList<>();
        Set<String> affected = new LinkedHashSet<>();
        String[] componentIds = new String[components.size()];
        Map<Integer, List<ProfileRow>> ownedBy = new HashMap<>();
        profiles.values().stream().filter(p -> owner.containsKey(p.id())).sorted(Comparator.comparingLong(ProfileRow::seq))
                .forEach(p -> ownedBy.computeIfAbsent(owner.get(p.id()), c -> new ArrayList<>()).add(p));
        for (int i = 0; i < components.size(); i++) {
            TreeSet<String> component = components.get(i);
            List<ProfileRow> owned = ownedBy.getOrDefault(i, List.of());
            String id;
            if (owned.isEmpty()) {
                id = type.idPrefix() + UUID.randomUUID();
                created.put(id, component.first());
                changeSet.changed(type, id, "created");
            } else {
                ProfileRow survivor = owned.get(0);
                id = survivor.id();
                if (!component.contains(survivor.anchorKey())) {
                    anchorMoves.add(new Object[]{component.first(), id});
                }
                if (owned.size() > 1) {
                    List<String> merged = owned.subList(1, owned.size()).stream().map(ProfileRow::id).toList();
                    retire(type, merged, id);
                    changeSet.merged(type, id, merged);
                }
            }
            componentIds[i] = id;
            component.forEach(key -> assigned.put(key, id));
            affected.add(id);
        }

        // splits: a profile whose fragments now sit in components it does not own
        for (ProfileRow profile : profiles.values()) {
            Integer own = owner.get(profile.id());
            Set<String> others = new TreeSet<>();
            for (String key : keysOfProfile.get(profile.id())) {
                Integer c = componentOf.get(key);
                if (c != null && !c.equals(own)) {
                    others.add(componentIds[c]);
                }
            }
            if (own == null) {
                deleteProfile(type, profile.id());
                changeSet.deleted(type, profile.id());
            } else if (!others.isEmpty()) {
                changeSet.split(type, profile.id(), List.copyOf(others));
            }
        }

        if (!anchorMoves.isEmpty()) {
            jdbcTemplate.batchUpdate("UPDATE unified_profile SET anchor_key = ? WHERE id = ?", anchorMoves);
        }
        List<String> movedKeys = new ArrayList<>();
        List<String> movedTo = new ArrayList<>();
        for (String key : graph.links.keySet()) {
            String target = assigned.get(key);
            if (batch.containsKey(key)) {
                // written with the fragment
                if (target == null) {
                    profileOf.remove(key);
                } else {
                    profileOf.put(key, target);
                }
            } else if (!Objects.equals(target, currentProfile.get(key))) {
                movedKeys.add(key);
                movedTo.add(target);
            }
        }
        if (!movedKeys.isEmpty()) {
            jdbc.sql("UPDATE fragment f SET profile_id = u.pid FROM unnest(?::text[], ?::text[]) AS u(key, pid) WHERE f.source_key = u.key")
                    .param(movedKeys.toArray(String[]::new)).param(movedTo.toArray(String[]::new)).update();
        }
        resolveIdentities(type, identitiesToResolve, graph, assigned);
        return new Relinked(affected, profileOf, created);
    }

    /** Connected components of the live fragments, hubs excluded, each sorted, in a stable order. */
    private static List<TreeSet<String>> components(Subgraph graph, Set<String> live) {
        Map<String, String> parent = new HashMap<>();
        Map<Identity, String> firstHolder = new HashMap<>();
        for (Map.Entry<String, Set<Identity>> e : graph.links.entrySet()) {
            String key = e.getKey();
            if (!live.contains(key)) {
                continue;
            }
            parent.putIfAbsent(key, key);
            for (Identity identity : e.getValue()) {
                if (graph.hubs.contains(identity)) {
                    continue;
                }
                String other = firstHolder.putIfAbsent(identity, key);
                if (other != null) {
                    union(parent, key, other);
                }
            }
        }
        Map<String, TreeSet<String>> byRoot = new HashMap<>();
        parent.keySet().forEach(key -> byRoot.computeIfAbsent(find(parent, key), r -> new TreeSet<>()).add(key));
        List<TreeSet<String>> result = new ArrayList<>(byRoot.values());
        result.sort(Comparator.comparing(TreeSet::first));
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

    private void retire(EntityType type, List<String> mergedIds, String survivorId) {
        String[] ids = mergedIds.toArray(String[]::new);
        jdbc.sql("UPDATE profile_alias SET profile_id = ? WHERE profile_id = ANY(?)").param(survivorId).param(ids).update();
        jdbcTemplate.batchUpdate("""
                INSERT INTO profile_alias (alias_id, profile_id, entity_type) VALUES (?, ?, ?)
                ON CONFLICT (alias_id) DO UPDATE SET profile_id = EXCLUDED.profile_id, retired_at = now()""",
                mergedIds.stream().map(m -> new Object[]{m, survivorId, type.id()}).toList());
        jdbc.sql("DELETE FROM unified_profile WHERE id = ANY(?)").param(ids).update();
    }

    private void deleteProfile(EntityType type, String id) {
        log.debug("{} profile {} lost its last fragment", type.id(), id);
        jdbc.sql("DELETE FROM profile_alias WHERE profile_id = ?").param(id).update();
        jdbc.sql("DELETE FROM unified_profile WHERE id = ?").param(id).update();
    }

    /**
     * Points every identity of the recomputed components at its profile, drops identities nobody holds
     * any more, and re-resolves the rows referring to the identities whose profile changed.
     */
    private void resolveIdentities(EntityType type, Set<Identity> identities, Subgraph graph, Map<String, String> assigned) {
        if (identities.isEmpty()) {
            return;
        }
        Map<Identity, String> before = new HashMap<>();
        // a probe of the primary key per identity, whatever the statistics say (ADR 0017)
        jdbc.sql("SELECT i.ns, i.val, " + type.profileIdSql("i.ns", "i.val") + " FROM unnest(?::text[], ?::text[]) AS i(ns, val)")
                .param(identities.stream().map(Identity::namespace).toArray(String[]::new))
                .param(identities.stream().map(Identity::value).toArray(String[]::new))
                .query(rs -> {
                    String profileId = rs.getString(3);
                    if (profileId != null) {
                        before.put(new Identity(rs.getString(1), rs.getString(2)), profileId);
                    }
                });
        Map<Identity, String> after = new HashMap<>();
        new TreeSet<>(assigned.keySet()).forEach(key -> {
            for (Identity identity : graph.links.getOrDefault(key, Set.of())) {
                if (!graph.hubs.contains(identity)) {
                    after.putIfAbsent(identity, assigned.get(key));
                }
            }
        });
        List<Identity> gone = before.keySet().stream().filter(i -> !after.containsKey(i)).toList();
        List<Map.Entry<Identity, String>> moved = after.entrySet().stream()
                .filter(e -> !e.getValue().equals(before.get(e.getKey()))).toList();
        if (!gone.isEmpty()) {
            jdbc.sql("""
                            DELETE FROM identity_profile p USING unnest(?::text[], ?::text[]) AS i(ns, val)
                            WHERE p.entity_type = ? AND p.namespace = i.ns AND p.value = i.val""")
                    .param(gone.stream().map(Identity::namespace).toArray(String[]::new))
                    .param(gone.stream().map(Identity::value).toArray(String[]::new))
                    .param(type.id())
                    .update();
        }
        // record batches run one at a time (GraphLock): an identity absent from `before` is not there, so it is inserted
        // plainly; ON CONFLICT costs a speculative insertion per row
        writeIdentities(type, moved.stream().filter(e -> !before.containsKey(e.getKey())).toList(), """
                INSERT INTO identity_profile (entity_type, namespace, value, profile_id)
                SELECT ?, ns, val, pid FROM unnest(?::text[], ?::text[], ?::text[]) AS i(ns, val, pid)""");
        writeIdentities(type, moved.stream().filter(e -> before.containsKey(e.getKey())).toList(), """
                UPDATE identity_profile p SET profile_id = i.pid
                FROM (SELECT CAST(? AS text) AS entity_type) t, unnest(?::text[], ?::text[], ?::text[]) AS i(ns, val, pid)
                WHERE p.entity_type = t.entity_type AND p.namespace = i.ns AND p.value = i.val""");
        List<Identity> changed = new ArrayList<>(gone);
        moved.forEach(e -> changed.add(e.getKey()));
        references.identitiesChanged(type, changed);
    }

    /** @param sql takes the entity type, then the namespaces, values and profile ids as arrays */
    private void writeIdentities(EntityType type, List<Map.Entry<Identity, String>> identities, String sql) {
        if (identities.isEmpty()) {
            return;
        }
        jdbc.sql(sql)
                .param(type.id())
                .param(identities.stream().map(e -> e.getKey().namespace()).toArray(String[]::new))
                .param(identities.stream().map(e -> e.getKey().value()).toArray(String[]::new))
                .param(identities.stream().map(Map.Entry::getValue).toArray(String[]::new))
                .update();
    }

    private Map<String, Set<Identity>> linksOf(Collection<String> keys) {
        Map<String, Set<Identity>> links = new HashMap<>();
        if (keys.isEmpty()) {
            return links;
        }
        jdbc.sql("SELECT fragment_key, namespace, value FROM identity_link WHERE fragment_key = ANY(?)")
                .param(keys.toArray(String[]::new))
                .query(rs -> {
                    links.computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                            .add(new Identity(rs.getString(2), rs.getString(3)));
                });
        return links;
    }

    private Map<Identity, List<String>> holdersOf(EntityType type, Collection<Identity> identities) {
        Map<Identity, List<String>> holders = new HashMap<>();
        // a probe of the identity index per identity, whatever the statistics say: OFFSET 0 keeps the lateral sub-query
        // from being flattened into a join the planner may run as a scan of every link of the type (ADR 0017)
        jdbc.sql("""
                        SELECT i.ns, i.val, l.fragment_key
                        FROM unnest(?::text[], ?::text[]) AS i(ns, val)
                        CROSS JOIN LATERAL (SELECT l.fragment_key FROM identity_link l
                                            WHERE l.entity_type = ? AND l.namespace = i.ns AND l.value = i.val OFFSET 0) l""")
                .param(identities.stream().map(Identity::namespace).toArray(String[]::new))
                .param(identities.stream().map(Identity::value).toArray(String[]::new))
                .param(type.id())
                .query(rs -> {
                    holders.computeIfAbsent(new Identity(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                            .add(rs.getString(3));
                });
        return holders;
    }

    /** @return true when the hub was not known before */
    private boolean markHub(EntityType type, Identity identity, int fragments) {
        int inserted = jdbc.sql("""
                        INSERT INTO identity_hub (entity_type, namespace, value, fragments) VALUES (?, ?, ?, ?)
                        ON CONFLICT (entity_type, namespace, value) DO UPDATE SET fragments = EXCLUDED.fragments
                        RETURNING (xmax = 0)""")
                .param(type.id()).param(identity.namespace()).param(identity.value()).param(fragments)
                .query(Boolean.class).single() ? 1 : 0;
        if (inserted == 1) {
            log.warn("Identity in namespace {} is shared by {} {} fragments: it no longer links them",
                    identity.namespace(), fragments, type.id());
        }
        return inserted == 1;
    }

    private Set<String> fragmentsOfProfiles(Set<String> profileIds) {
        if (profileIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT source_key FROM fragment WHERE profile_id = ANY(?)")
                .param(profileIds.toArray(String[]::new)).query(String.class).list());
    }

    private Map<String, ProfileRow> profiles(Set<String> ids) {
        Map<String, ProfileRow> rows = new HashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        jdbc.sql("SELECT id, anchor_key, seq FROM unified_profile WHERE id = ANY(?)")
                .param(ids.toArray(String[]::new))
                .query((rs, n) -> new ProfileRow(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list()
                .forEach(p -> rows.put(p.id(), p));
        return rows;
    }

    /** @param stored the fragments that may have links stored now (a subset of {@code keys}) */
    private void replaceLinks(EntityType type, List<String> stored, Set<String> keys, Map<String, Set<Identity>> newLinks) {
        if (!stored.isEmpty()) {
            jdbc.sql("DELETE FROM identity_link WHERE fragment_key = ANY(?)").param(stored.toArray(String[]::new)).update();
        }
        List<String> linkKeys = new ArrayList<>();
        List<Identity> linked = new ArrayList<>();
        for (String key : keys) {
            for (Identity identity : newLinks.getOrDefault(key, Set.of())) {
                linkKeys.add(key);
                linked.add(identity);
            }
        }
        if (!linked.isEmpty()) {
            jdbc.sql("""
                            INSERT INTO identity_link (fragment_key, entity_type, namespace, value)
                            SELECT key, ?, ns, val FROM unnest(?::text[], ?::text[], ?::text[]) AS l(key, ns, val)""")
                    .param(type.id())
                    .param(linkKeys.toArray(String[]::new))
                    .param(linked.stream().map(Identity::namespace).toArray(String[]::new))
                    .param(linked.stream().map(Identity::value).toArray(String[]::new))
                    .update();
        }
    }

    /** @param known the fragments that may have refusals stored from an earlier version */
    private void writeRefusals(Set<String> known, List<Object[]> refusals) {
        if (!known.isEmpty()) {
            jdbc.sql("DELETE FROM identity_rejection WHERE fragment_key = ANY(?)").param(known.toArray(String[]::new)).update();
        }
        if (!refusals.isEmpty()) {
            jdbcTemplate.batchUpdate("""
                    INSERT INTO identity_rejection (fragment_key, namespace, value, reason) VALUES (?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""", refusals);
        }
    }
}
