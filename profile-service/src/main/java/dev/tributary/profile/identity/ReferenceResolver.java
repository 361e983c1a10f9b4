package dev.tributary.profile.identity;

import dev.tributary.profile.ProfileKind;
import dev.tributary.xdm.Identity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Keeps the unified ids stored beside source keys in the relationship tables equal to what
 * {@code identity_profile} says now, for the identities whose resolution a batch changed (rows a batch
 * writes are resolved as they are written), so the profile_read views never join identity_profile.
 */
@Component
public class ReferenceResolver {

    /** A table column holding source keys of one entity type, and the column holding their unified id. */
    private record Reference(String table, String keyColumn, String idColumn) {
    }

    private static final List<Reference> PERSON_REFERENCES = List.of(
            new Reference("person_account_link", "person_key", "person_id"),
            new Reference("opportunity_person", "person_key", "person_id"),
            new Reference("campaign_member", "person_key", "person_id"),
            new Reference("marketing_list_member", "person_key", "person_id"));

    private static final List<Reference> ACCOUNT_REFERENCES = List.of(
            new Reference("person_account_link", "account_key", "account_id"),
            new Reference("opportunity", "account_key", "account_id"));

    /** Re-resolves the events recorded under a batch's identities (a probe of identity_profile an identity, ADR 0017). */
    private static final String UPDATE_EVENTS_SQL = """
            UPDATE experience_event e SET person_id = k.profile_id
            FROM (SELECT u.ns, u.val, %s AS profile_id
                  FROM unnest(CAST(:eventNs AS text[]), CAST(:eventVal AS text[])) AS u(ns, val)) k
            WHERE e.identity_ns = k.ns AND e.identity_value = k.val AND e.person_id IS DISTINCT FROM k.profile_id"""
            .formatted(ProfileKind.PERSON.profileIdSql("u.ns", "u.val"));

    private final JdbcClient jdbc;

    public ReferenceResolver(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * After identity_profile changed for these identities of one entity type: re-resolves every row
     * referring to their source keys (and, for people, the events recorded under them). One statement
     * for all tables, each table a data-modifying CTE, so a batch pays one round trip, not five.
     */
    public void identitiesChanged(ProfileKind type, Collection<Identity> identities) {
        String[] keys = identities.stream().filter(i -> i.namespace().equals(type.keyNamespace()))
                .map(Identity::value).distinct().toArray(String[]::new);
        boolean events = type == ProfileKind.PERSON && !identities.isEmpty();
        if (keys.length == 0 && !events) {
            return;
        }
        List<String> updates = new ArrayList<>();
        if (keys.length > 0) {
            for (Reference ref : type == ProfileKind.PERSON ? PERSON_REFERENCES : ACCOUNT_REFERENCES) {
                // the array filter lets PostgreSQL use the key index; only rows whose id really changes are written
                String resolved = type.resolvedIdSql("t." + ref.keyColumn());
                updates.add("UPDATE " + ref.table() + " t SET " + ref.idColumn() + " = " + resolved + " WHERE t." + ref.keyColumn()
                        + " = ANY(:keys) AND t." + ref.idColumn() + " IS DISTINCT FROM " + resolved);
            }
        }
        if (events) {
            updates.add(UPDATE_EVENTS_SQL);
        }
        StringBuilder sql = new StringBuilder("WITH ");
        for (int i = 0; i < updates.size(); i++) {
            sql.append(i == 0 ? "" : ",\n").append("u").append(i).append(" AS (").append(updates.get(i)).append(" RETURNING 1)");
        }
        sql.append("\nSELECT 1");
        var statement = jdbc.sql(sql.toString());
        if (keys.length > 0) {
            statement = statement.param("keys", keys);
        }
        if (events) {
            statement = statement.param("eventNs", identities.stream().map(Identity::namespace).toArray(String[]::new))
                    .param("eventVal", identities.stream().map(Identity::value).toArray(String[]::new));
        }
        statement.query().listOfRows();
    }
}
