package dev.tributary.profile.fragment;

import dev.tributary.xdm.json.XdmJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores source fragments under the newest-wins rule: an older version never overwrites a newer one,
 * a duplicate changes nothing, and a deletion is a tombstone that older replays cannot undo.
 * <p>
 * Deciding and writing are two steps: a batch decides which versions it accepts ({@link #accept}), resolves
 * their identities against what is stored, and only then writes them with the profile each belongs to
 * ({@link #write}), so a new person or account fragment is written once, not again (a whole row version and two
 * index entries) for its profile id.
 */
@Component
public class FragmentStore {

    private static final String UPSERT = """
            INSERT INTO fragment (source_key, xdm_class, source_type, source_instance_id, data, last_updated,
                                  content_hash, deleted, profile_id, received_at)
            VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, now())
            ON CONFLICT (source_key) DO UPDATE
               SET xdm_class = EXCLUDED.xdm_class, data = EXCLUDED.data, last_updated = EXCLUDED.last_updated,
                   content_hash = EXCLUDED.content_hash, deleted = EXCLUDED.deleted, profile_id = EXCLUDED.profile_id,
                   received_at = now()
             WHERE fragment.last_updated < EXCLUDED.last_updated
                OR (fragment.last_updated = EXCLUDED.last_updated AND fragment.content_hash < EXCLUDED.content_hash)
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    public FragmentStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /**
     * The versions among the records that the newest-wins rule accepts, one per fragment, in input order.
     * Nothing is written: the caller passes them to {@link #write} once their profiles are known.
     */
    public List<FragmentChange> accept(Collection<IncomingRecord> records) {
        Map<String, IncomingRecord> newest = new LinkedHashMap<>();
        for (IncomingRecord record : records) {
            newest.merge(record.key().sourceKey(), record, (a, b) -> b.supersedes(a) ? b : a);
        }
        Map<String, StoredFragment> stored = load(newest.keySet());
        List<FragmentChange> accepted = new ArrayList<>();
        for (IncomingRecord record : newest.values()) {
            StoredFragment previous = stored.get(record.key().sourceKey());
            if (previous == null || record.supersedes(previous.lastUpdated(), previous.contentHash())) {
                accepted.add(new FragmentChange(record, previous));
            }
        }
        return accepted;
    }

    /**
     * Writes accepted versions.
     *
     * @param profileIds the unified profile of each person or account fragment by source key; absent for a
     *                   fragment of another class or one that belongs to no profile (deleted)
     */
    public void write(List<FragmentChange> accepted, Map<String, String> profileIds) {
        List<Object[]> rows = accepted.stream().map(c -> new Object[]{
                c.sourceKey(), c.incoming().xdmClass().jsonName(), c.incoming().key().sourceType(),
                c.incoming().key().sourceInstanceId(), XdmJson.mapper().writeValueAsString(c.incoming().data()),
                Timestamp.from(c.incoming().lastUpdated()), c.incoming().contentHash(), c.incoming().deleted(),
                profileIds.get(c.sourceKey())})
                .toList();
        if (!rows.isEmpty()) {
            jdbcTemplate.batchUpdate(UPSERT, rows);
        }
    }

    public Map<String, StoredFragment> load(Collection<String> keys) {
        Map<String, StoredFragment> result = new HashMap<>();
        if (keys.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        SELECT source_key, xdm_class, last_updated, content_hash, deleted, profile_id, data::text
                        FROM fragment WHERE source_key = ANY(?)""")
                .param(keys.toArray(String[]::new))
                .query((rs, n) -> new StoredFragment(rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getBoolean(5), rs.getString(6),
                        XdmJson.mapper().readTree(rs.getString(7))))
                .list()
                .forEach(f -> result.put(f.sourceKey(), f));
        return result;
    }
}
