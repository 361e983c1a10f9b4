package dev.tributary.profile.identity;

import dev.tributary.profile.ProfileKind;
import dev.tributary.profile.identity.model.GraphReader;
import dev.tributary.xdm.Identity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph as stored: the identities each fragment links ({@code identity_link}), what the guardrails refused
 * ({@code identity_rejection}) and the hubs ({@code identity_hub}). Set-based statements only (ADR 0017).
 */
@Component
public class GraphStore {

    private static final Logger log = LoggerFactory.getLogger(GraphStore.class);

    /** An identity a fragment declared and a guardrail refused. */
    public record Rejection(String fragmentKey, IdentityExtractor.Refusal refusal) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    public GraphStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** The stored graph of one entity type, as {@link dev.tributary.profile.identity.model.Subgraph#explore} reads it. */
    public GraphReader reader(ProfileKind type) {
        return new GraphReader() {
            @Override
            public Map<String, Set<Identity>> linksOf(Collection<String> fragments) {
                return GraphStore.this.linksOf(fragments);
            }

            @Override
            public Map<Identity, List<String>> holdersOf(Collection<Identity> identities) {
                return GraphStore.this.holdersOf(type, identities);
            }

            @Override
            public boolean markHub(Identity identity, int fragments) {
                return GraphStore.this.markHub(type, identity, fragments);
            }
        };
    }

    public Map<String, Set<Identity>> linksOf(Collection<String> keys) {
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

    private Map<Identity, List<String>> holdersOf(ProfileKind type, Collection<Identity> identities) {
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
    private boolean markHub(ProfileKind type, Identity identity, int fragments) {
        boolean inserted = jdbc.sql("""
                        INSERT INTO identity_hub (entity_type, namespace, value, fragments) VALUES (?, ?, ?, ?)
                        ON CONFLICT (entity_type, namespace, value) DO UPDATE SET fragments = EXCLUDED.fragments
                        RETURNING (xmax = 0)""")
                .param(type.id()).param(identity.namespace()).param(identity.value()).param(fragments)
                .query(Boolean.class).single();
        if (inserted) {
            log.warn("Identity in namespace {} is shared by {} {} fragments: it no longer links them",
                    identity.namespace(), fragments, type.id());
        }
        return inserted;
    }

    /**
     * Replaces the links of {@code keys} by {@code newLinks}.
     *
     * @param stored the fragments that may have links stored now (a subset of {@code keys})
     */
    public void replaceLinks(ProfileKind type, List<String> stored, Set<String> keys, Map<String, Set<Identity>> newLinks) {
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
    public void replaceRejections(Set<String> known, List<Rejection> rejections) {
        if (!known.isEmpty()) {
            jdbc.sql("DELETE FROM identity_rejection WHERE fragment_key = ANY(?)").param(known.toArray(String[]::new)).update();
        }
        if (!rejections.isEmpty()) {
            // one JDBC batch, the rejections bound as they are, without an array of values each
            jdbcTemplate.batchUpdate("""
                    INSERT INTO identity_rejection (fragment_key, namespace, value, reason) VALUES (?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""", rejections, rejections.size(), (ps, r) -> {
                ps.setString(1, r.fragmentKey());
                ps.setString(2, r.refusal().identity().namespace());
                ps.setString(3, r.refusal().identity().value());
                ps.setString(4, r.refusal().reason());
            });
        }
    }
}
