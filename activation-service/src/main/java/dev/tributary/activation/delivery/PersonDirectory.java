package dev.tributary.activation.delivery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * People as profile-service publishes them, read only through the {@code profile_read} views (never its tables):
 * email, marketing-email consent, and the person's own source keys in one Marketo instance. A retired id (merged
 * away) is read as the profile that absorbed it.
 */
@Component
class PersonDirectory {

    /** @param marketoLeadId the lead id of the person's own Marketo record in that instance, when there is one */
    record Person(String id, String email, String emailConsent, Long marketoLeadId) {
        boolean consentWithdrawn() {
            return "n".equalsIgnoreCase(emailConsent);
        }
    }

    private final JdbcClient jdbc;

    PersonDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The people among {@code ids} that exist, by the id asked for. */
    Map<String, Person> people(Collection<String> ids, String munchkinId) {
        Map<String, Person> people = new HashMap<>();
        if (ids.isEmpty()) {
            return people;
        }
        jdbc.sql("""
                SELECT q.id, p.email, p.email_consent,
                       ARRAY(SELECT f.source_key FROM profile_read.source_fragment f
                             WHERE f.profile_id = p.person_id AND f.entity_type = 'person'
                               AND f.source_type = 'Marketo' AND f.source_instance_id = :munchkin) AS marketo_keys
                FROM unnest(CAST(:ids AS text[])) AS q(id)
                LEFT JOIN profile_read.profile_alias a ON a.alias_id = q.id
                JOIN profile_read.person p ON p.person_id = coalesce(a.profile_id, q.id)""")
                .param("ids", ids.toArray(String[]::new)).param("munchkin", munchkinId)
                .query(rs -> {
                    Array keys = rs.getArray(4);
                    Long lead = keys == null ? null : lowestLeadId((String[]) keys.getArray());
                    people.put(rs.getString(1), new Person(rs.getString(1), rs.getString(2), rs.getString(3), lead));
                });
        return people;
    }

    /** The numeric id part of Marketo source keys ({@code 1234@munchkin.Marketo}); the lowest when a person has several. */
    static Long lowestLeadId(String[] sourceKeys) {
        Long lowest = null;
        for (String key : sourceKeys) {
            Long id = leadId(key);
            if (id != null && (lowest == null || id < lowest)) {
                lowest = id;
            }
        }
        return lowest;
    }

    static Long leadId(String sourceKey) {
        int at = sourceKey == null ? -1 : sourceKey.lastIndexOf('@');
        if (at <= 0) {
            return null;
        }
        try {
            long id = Long.parseLong(sourceKey.substring(0, at));
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
