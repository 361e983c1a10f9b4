package dev.tributary.profile.identity;

import dev.tributary.profile.EntityType;
import dev.tributary.xdm.Identity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

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

    private final JdbcClient jdbc;

    public ReferenceResolver(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Re-resolves every row referring to these source keys of the given entity type. */
    private void resolveKeys(EntityType type, Collection<String> sourceKeys) {
        if (sourceKeys.isEmpty()) {
            return;
        }
        String[] keys = sourceKeys.stream().distinct().toArray(String[]::new);
        for (Reference ref : type == EntityType.PERSON ? PERSON_REFERENCES : ACCOUNT_REFERENCES) {
            // the array filter lets PostgreSQL use the key index; only rows whose id really changes are written
            String resolved = "(SELECT p.profile_id FROM identity_profile p WHERE p.entity_type = ? AND p.namespace = ? AND p.value = t.%2$s)";
            jdbc.sql(("UPDATE %1$s t SET %3$s = " + resolved + " WHERE t.%2$s = ANY(?) AND t.%3$s IS DISTINCT FROM " + resolved)
                            .formatted(ref.table(), ref.keyColumn(), ref.idColumn()))
                    .param(type.id()).param(type.keyNamespace()).param(keys).param(type.id()).param(type.keyNamespace())
                    .update();
        }
    }

    /** Re-resolves the events recorded under these person identities. */
    private void resolveEvents(Collection<Identity> identities) {
        if (identities.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE experience_event e SET person_id = k.profile_id
                        FROM (SELECT u.ns, u.val, p.profile_id FROM unnest(?::text[], ?::text[]) AS u(ns, val)
                              LEFT JOIN identity_profile p
                                     ON p.entity_type = 'person' AND p.namespace = u.ns AND p.value = u.val) k
                        WHERE e.identity_ns = k.ns AND e.identity_value = k.val AND e.person_id IS DISTINCT FROM k.profile_id""")
                .param(identities.stream().map(Identity::namespace).toArray(String[]::new))
                .param(identities.stream().map(Identity::value).toArray(String[]::new))
                .update();
    }

    /** After identity_profile changed for these identities of one entity type. */
    public void identitiesChanged(EntityType type, Collection<Identity> identities) {
        resolveKeys(type, identities.stream().filter(i -> i.namespace().equals(type.keyNamespace()))
                .map(Identity::value).toList());
        if (type == EntityType.PERSON) {
            resolveEvents(identities);
        }
    }
}
