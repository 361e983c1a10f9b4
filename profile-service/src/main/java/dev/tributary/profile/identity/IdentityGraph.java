package dev.tributary.profile.identity;

import dev.tributary.profile.ProfileKind;
import dev.tributary.profile.ProfileProperties;
import dev.tributary.profile.changes.ChangeSet;
import dev.tributary.profile.fragment.FragmentChange;
import dev.tributary.profile.identity.model.Assignment;
import dev.tributary.profile.identity.model.Components;
import dev.tributary.profile.identity.model.IdentityDecision;
import dev.tributary.profile.identity.model.IdentityResolution;
import dev.tributary.profile.identity.model.LinkRule;
import dev.tributary.profile.identity.model.Reassignment;
import dev.tributary.profile.identity.model.Split;
import dev.tributary.profile.identity.model.Subgraph;
import dev.tributary.xdm.Identity;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The identity graph: fragments linked by shared identities, whose connected components are the unified profiles.
 * After fragments change, {@link #relink} loads the components they touch ({@link GraphStore},
 * {@link AssignmentStore}), lets the model decide their ids ({@link Reassignment}: merges keep the oldest id, a split
 * leaves the id with the part holding the anchor fragment) and saves the decision (ADR 0003, ADR 0031).
 */
@Component
public class IdentityGraph {

    private final GraphStore links;
    private final AssignmentStore assignments;
    private final IdentityExtractor extractor;
    private final ReferenceResolver references;
    private final int maxFragmentsPerIdentity;
    private final GraphLock graphLock;

    public IdentityGraph(GraphStore links, AssignmentStore assignments, IdentityExtractor extractor,
                         ReferenceResolver references, ProfileProperties properties, GraphLock graphLock) {
        this.links = links;
        this.assignments = assignments;
        this.extractor = extractor;
        this.references = references;
        this.maxFragmentsPerIdentity = properties.identity().maxFragmentsPerIdentity();
        this.graphLock = graphLock;
    }

    /**
     * What {@link #relink} decided for a batch's fragments of one entity type.
     *
     * @param profileOf the profile of each of the batch's fragments that belongs to one, by source key: the
     *                  profile id to write with it ({@link dev.tributary.profile.fragment.FragmentStore#write})
     * @param decision  the recomputed components' ids, merges, splits and deletions ({@link IdentityDecision#NONE}
     *                  when the batch changed no link)
     * @param profiles  ids of the live profiles whose fragments changed
     * @param created   the profiles this batch creates, in creation order, with their anchor fragment: not
     *                  written yet, the merged attributes are written with them
     *                  ({@link dev.tributary.profile.merge.AttributeMerger#recompute})
     */
    public record Relinked(ProfileKind type, Map<String, String> profileOf, IdentityDecision decision,
                           Set<String> profiles, Map<String, String> created) {

        static Relinked of(ProfileKind type, Map<String, String> profileOf, IdentityDecision decision) {
            return decision == IdentityDecision.NONE
                    ? new Relinked(type, profileOf, decision, Set.of(), Map.of())
                    : new Relinked(type, profileOf, decision, decision.profiles(), decision.created());
        }

        /** Adds what was decided to the batch's change events. */
        public void announce(ChangeSet changeSet) {
            for (Assignment a : decision.assignments()) {
                if (a.created()) {
                    changeSet.changed(type, a.profileId(), "created");
                } else if (!a.mergedIds().isEmpty()) {
                    changeSet.merged(type, a.profileId(), a.mergedIds());
                }
            }
            decision.deleted().forEach(id -> changeSet.deleted(type, id));
            for (Split split : decision.splits()) {
                changeSet.split(type, split.survivorId(), split.newIds());
            }
        }
    }

    /**
     * Applies the identity changes of accepted fragment versions of one entity type and reassigns the
     * profiles of every component they touch. The versions themselves are not stored yet: what the graph reads
     * of them (live or deleted, their profile so far) comes from the changes, and other fragments the
     * reassignment moves are updated here.
     */
    public Relinked relink(ProfileKind type, List<FragmentChange> changes) {
        Map<String, String> profileOf = new HashMap<>();
        for (FragmentChange change : changes) {
            if (!change.incoming().deleted() && change.previous() != null && change.previous().profileId() != null) {
                profileOf.put(change.sourceKey(), change.previous().profileId());
            }
        }
        if (changes.isEmpty()) {
            return Relinked.of(type, profileOf, IdentityDecision.NONE);
        }
        LinkChanges linkChanges = linkChanges(type, changes);
        if (linkChanges.dirty().isEmpty()) {
            return Relinked.of(type, profileOf, IdentityDecision.NONE);
        }
        graphLock.exclusive();
        Set<String> dirty = linkChanges.dirty();
        links.replaceLinks(type, dirty.stream().filter(linkChanges.known()::contains).toList(), dirty, linkChanges.newLinks());

        // the new components of the changed fragments, and whatever is left of their old profiles
        Map<String, FragmentChange> batch = new HashMap<>();
        changes.forEach(c -> batch.put(c.sourceKey(), c));
        Set<String> seeds = new LinkedHashSet<>(dirty);
        Set<String> oldProfiles = new HashSet<>();
        dirty.forEach(k -> {
            FragmentChange c = batch.get(k);
            if (c.previous() != null && c.previous().profileId() != null) {
                oldProfiles.add(c.previous().profileId());
            }
        });
        seeds.addAll(assignments.fragmentsOfProfiles(oldProfiles));
        Subgraph graph = Subgraph.explore(seeds, linkChanges.newLinks(), maxFragmentsPerIdentity, links.reader(type));

        IdentityDecision decision = decide(type, graph, batch);
        assignments.save(type, decision);
        // the batch's fragments are written later, with these profiles
        batch.keySet().stream().filter(graph.links()::containsKey).forEach(key -> {
            String target = decision.profileOf().get(key);
            if (target == null) {
                profileOf.remove(key);
            } else {
                profileOf.put(key, target);
            }
        });
        resolve(type, graph, decision, linkChanges);
        return Relinked.of(type, profileOf, decision);
    }

    /**
     * The links of the batch's fragments before and after, and which of them relink.
     *
     * @param known the batch's fragments stored before, which may have links and refusals stored
     */
    private record LinkChanges(Set<String> known, Map<String, Set<Identity>> oldLinks,
                               Map<String, Set<Identity>> newLinks, Set<String> dirty) {
    }

    /** Extracts the batch's identities and replaces their refusals; the links themselves are written only if dirty. */
    private LinkChanges linkChanges(ProfileKind type, List<FragmentChange> changes) {
        // a fragment seen for the first time has no links, refusals or profile yet: only the others are looked up
        Set<String> known = changes.stream().filter(c -> c.previous() != null).map(FragmentChange::sourceKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, Set<Identity>> oldLinks = links.linksOf(known);
        Map<String, Set<Identity>> newLinks = new HashMap<>();
        List<GraphStore.Rejection> rejections = new ArrayList<>();
        Set<String> dirty = new LinkedHashSet<>();
        for (FragmentChange change : changes) {
            IdentityExtractor.Extracted extracted = extractor.extract(type, change.incoming());
            newLinks.put(change.sourceKey(), extracted.identities());
            extracted.refused().forEach(r -> rejections.add(new GraphStore.Rejection(change.sourceKey(), r)));
            boolean wasLive = change.previous() != null && !change.previous().deleted();
            if (LinkRule.relinks(wasLive, change.incoming().deleted(), extracted.identities(),
                    oldLinks.getOrDefault(change.sourceKey(), Set.of()))) {
                dirty.add(change.sourceKey());
            }
        }
        links.replaceRejections(known, rejections);
        return new LinkChanges(known, oldLinks, newLinks, dirty);
    }

    /** Points every identity of the recomputed components at its profile and re-resolves the rows referring to them. */
    private void resolve(ProfileKind type, Subgraph graph, IdentityDecision decision, LinkChanges linkChanges) {
        Set<Identity> identities = new HashSet<>();
        graph.links().values().forEach(identities::addAll);
        linkChanges.dirty().forEach(k -> identities.addAll(linkChanges.oldLinks().getOrDefault(k, Set.of())));
        if (identities.isEmpty()) {
            return;
        }
        IdentityResolution resolution = IdentityResolution.of(assignments.resolutionOf(type, identities), graph,
                decision.profileOf());
        assignments.save(type, resolution);
        references.identitiesChanged(type, resolution.changed());
    }

    /** What the subgraph's fragments are now (the batch's from its changes, the others as stored) and the decision. */
    private IdentityDecision decide(ProfileKind type, Subgraph graph, Map<String, FragmentChange> batch) {
        AssignmentStore.Fragments stored = assignments.fragments(
                graph.links().keySet().stream().filter(k -> !batch.containsKey(k)).toList());
        Map<String, String> currentProfile = stored.profileOf();
        Set<String> live = stored.live();
        for (String key : graph.links().keySet()) {
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
        return Reassignment.decide(Components.of(graph, live), currentProfile,
                assignments.profiles(new HashSet<>(currentProfile.values())), batch.keySet(),
                () -> type.idPrefix() + UUID.randomUUID());
    }
}
