package dev.tributary.profile.identity;

import dev.tributary.profile.ProfileKind;
import dev.tributary.profile.identity.model.Assignment;
import dev.tributary.profile.identity.model.FragmentMove;
import dev.tributary.profile.identity.model.IdentityDecision;
import dev.tributary.profile.identity.model.IdentityResolution;
import dev.tributary.profile.identity.model.KnownProfile;
import dev.tributary.profile.identity.model.Merge;
import dev.tributary.xdm.Identity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads what {@link dev.tributary.profile.identity.model.Reassignment} needs about a subgraph's fragments and
 * profiles, and saves what it decided: profile ids of stored fragments, profiles retired as aliases or deleted,
 * anchors, and the profile each identity resolves to ({@code identity_profile}). Set-based statements (ADR 0017).
 */
@Component
public class AssignmentStore {

    private static final Logger log = LoggerFactory.getLogger(AssignmentStore.class);

    /**
     * Stored fragments as the reassignment reads them.
     *
     * @param profileOf their profile, where they have one
     * @param live      those not deleted
     */
    public record Fragments(Map<String, String> profileOf, Set<String> live) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    public AssignmentStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    public Set<String> fragmentsOfProfiles(Set<String> profileIds) {
        if (profileIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT source_key FROM fragment WHERE profile_id = ANY(?)")
                .param(profileIds.toArray(String[]::new)).query(String.class).list());
    }

    /** The stored fragments among {@code keys}, in mutable maps the caller completes with the batch's. */
    public Fragments fragments(Collection<String> keys) {
        Map<String, String> profileOf = new HashMap<>();
        Set<String> live = new HashSet<>();
        if (keys.isEmpty()) {
            // a batch of new fragments linked only among themselves: nothing stored to read
            return new Fragments(profileOf, live);
        }
        jdbc.sql("SELECT source_key, profile_id, deleted FROM fragment WHERE source_key = ANY(?)")
                .param(keys.toArray(String[]::new))
                .query(rs -> {
                    if (rs.getString(2) != null) {
                        profileOf.put(rs.getString(1), rs.getString(2));
                    }
                    if (!rs.getBoolean(3)) {
                        live.add(rs.getString(1));
                    }
                });
        return new Fragments(profileOf, live);
    }

    public Map<String, KnownProfile> profiles(Set<String> ids) {
        Map<String, KnownProfile> rows = new HashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        jdbc.sql("SELECT id, anchor_key, seq FROM unified_profile WHERE id = ANY(?)")
                .param(ids.toArray(String[]::new))
                .query((rs, n) -> new KnownProfile(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list()
                .forEach(p -> rows.put(p.id(), p));
        return rows;
    }

    /** Saves a decision but for the profiles it creates, which the merged attributes are written with. */
    public void save(ProfileKind type, IdentityDecision decision) {
        for (Merge merge : decision.merges()) {
            retire(type, merge.mergedIds(), merge.survivorId());
        }
        for (String id : decision.deleted()) {
            log.debug("{} profile {} lost its last fragment", type.id(), id);
            jdbc.sql("DELETE FROM profile_alias WHERE profile_id = ?").param(id).update();
            jdbc.sql("DELETE FROM unified_profile WHERE id = ?").param(id).update();
        }
        List<Assignment> anchorMoves = decision.anchorMoves();
        if (!anchorMoves.isEmpty()) {
            jdbcTemplate.batchUpdate("UPDATE unified_profile SET anchor_key = ? WHERE id = ?",
                    anchorMoves.stream().map(a -> new Object[]{a.anchorKey(), a.profileId()}).toList());
        }
        List<FragmentMove> moves = decision.moves();
        if (!moves.isEmpty()) {
            jdbc.sql("UPDATE fragment f SET profile_id = u.pid FROM unnest(?::text[], ?::text[]) AS u(key, pid) WHERE f.source_key = u.key")
                    .param(moves.stream().map(FragmentMove::fragmentKey).toArray(String[]::new))
                    .param(moves.stream().map(FragmentMove::profileId).toArray(String[]::new))
                    .update();
        }
    }

    private void retire(ProfileKind type, List<String> mergedIds, String survivorId) {
        String[] ids = mergedIds.toArray(String[]::new);
        jdbc.sql("UPDATE profile_alias SET profile_id = ? WHERE profile_id = ANY(?)").param(survivorId).param(ids).update();
        jdbcTemplate.batchUpdate("""
                INSERT INTO profile_alias (alias_id, profile_id, entity_type) VALUES (?, ?, ?)
                ON CONFLICT (alias_id) DO UPDATE SET profile_id = EXCLUDED.profile_id, retired_at = now()""",
                mergedIds.stream().map(m -> new Object[]{m, survivorId, type.id()}).toList());
        jdbc.sql("DELETE FROM unified_profile WHERE id = ANY(?)").param(ids).update();
    }

    /** The profile each identity resolves to now; identities resolving to none are left out. */
    public Map<Identity, String> resolutionOf(ProfileKind type, Set<Identity> identities) {
        Map<Identity, String> resolved = new HashMap<>();
        // a probe of the primary key per identity, whatever the statistics say (ADR 0017)
        jdbc.sql("SELECT i.ns, i.val, " + type.profileIdSql("i.ns", "i.val") + " FROM unnest(?::text[], ?::text[]) AS i(ns, val)")
                .param(identities.stream().map(Identity::namespace).toArray(String[]::new))
                .param(identities.stream().map(Identity::value).toArray(String[]::new))
                .query(rs -> {
                    String profileId = rs.getString(3);
                    if (profileId != null) {
                        resolved.put(new Identity(rs.getString(1), rs.getString(2)), profileId);
                    }
                });
        return resolved;
    }

    public void save(ProfileKind type, IdentityResolution resolution) {
        List<Identity> gone = resolution.gone();
        if (!gone.isEmpty()) {
            jdbc.sql("""
                            DELETE FROM identity_profile p USING unnest(?::text[], ?::text[]) AS i(ns, val)
                            WHERE p.entity_type = ? AND p.namespace = i.ns AND p.value = i.val""")
                    .param(gone.stream().map(Identity::namespace).toArray(String[]::new))
                    .param(gone.stream().map(Identity::value).toArray(String[]::new))
                    .param(type.id())
                    .update();
        }
        // record batches run one at a time (GraphLock): an identity that resolved to nothing is not there, so it is
        // inserted plainly; ON CONFLICT costs a speculative insertion per row
        writePointers(type, resolution.added(), """
                INSERT INTO identity_profile (entity_type, namespace, value, profile_id)
                SELECT ?, ns, val, pid FROM unnest(?::text[], ?::text[], ?::text[]) AS i(ns, val, pid)""");
        writePointers(type, resolution.repointed(), """
                UPDATE identity_profile p SET profile_id = i.pid
                FROM (SELECT CAST(? AS text) AS entity_type) t, unnest(?::text[], ?::text[], ?::text[]) AS i(ns, val, pid)
                WHERE p.entity_type = t.entity_type AND p.namespace = i.ns AND p.value = i.val""");
    }

    /** @param sql takes the entity type, then the namespaces, values and profile ids as arrays */
    private void writePointers(ProfileKind type, List<IdentityResolution.Pointer> pointers, String sql) {
        if (pointers.isEmpty()) {
            return;
        }
        jdbc.sql(sql)
                .param(type.id())
                .param(pointers.stream().map(p -> p.identity().namespace()).toArray(String[]::new))
                .param(pointers.stream().map(p -> p.identity().value()).toArray(String[]::new))
                .param(pointers.stream().map(IdentityResolution.Pointer::profileId).toArray(String[]::new))
                .update();
    }
}
