package dev.tributary.profile.merge;

import dev.tributary.profile.ProfileProperties;
import dev.tributary.profile.merge.UnifiedTable.Attribute;
import dev.tributary.profile.ProfileKind;
import dev.tributary.profile.Numbers;
import dev.tributary.xdm.json.XdmJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Computes the merged attributes of unified profiles from their live fragments under the configured
 * merge policy, and records for each value the fragment it came from (its lineage).
 */
@Component
public class AttributeMerger {

    private record Fragment(String profileId, String sourceKey, String sourceType, Instant lastUpdated, JsonNode data) {
    }

    /** A merged value and the fragment it came from. */
    public record Merged(Object value, String source, Instant updatedAt) {
    }

    private final JdbcClient jdbc;
    private final Comparator<Fragment> preference;

    public AttributeMerger(JdbcClient jdbc, ProfileProperties properties) {
        this.jdbc = jdbc;
        Comparator<Fragment> newestFirst = Comparator.comparing(Fragment::lastUpdated).reversed()
                .thenComparing(Fragment::sourceKey);
        if ("source-precedence".equals(properties.merge().policy())) {
            List<String> order = properties.merge().sourcePrecedence();
            Comparator<Fragment> bySource = Comparator.comparingInt(f -> {
                int i = order.indexOf(f.sourceType());
                return i < 0 ? order.size() : i;
            });
            this.preference = bySource.thenComparing(newestFirst);
        } else if ("timestamp".equals(properties.merge().policy())) {
            this.preference = newestFirst;
        } else {
            throw new IllegalStateException("cdp.profile.merge.policy must be 'timestamp' or 'source-precedence', got '"
                    + properties.merge().policy() + "'");
        }
    }

    /**
     * @param written the data of fragments this transaction just wrote, by source key: not read back and
     *                parsed again
     * @param created the profiles among {@code profileIds} that do not exist yet, in creation order, with their
     *                anchor fragment: inserted here with their attributes, rather than inserted empty and updated
     * @return for each recomputed profile that existed before, the columns of its unified table
     *         ({@code unified_person}, {@code unified_account}; the {@code profile_read} views use the same names)
     *         whose value changed, possibly none. Profiles created now are absent: everything about them is new.
     */
    public Map<String, List<String>> recompute(ProfileKind type, Collection<String> profileIds, Map<String, JsonNode> written,
                                               Map<String, String> created) {
        if (profileIds.isEmpty()) {
            return Map.of();
        }
        UnifiedTable table = UnifiedTable.of(type);
        List<Attribute> attributes = table.attributes();
        Map<String, String[]> before = new LinkedHashMap<>();
        jdbc.sql(table.selectSql())
                .param(profileIds.stream().filter(id -> !created.containsKey(id)).toArray(String[]::new))
                .query(rs -> {
                    String[] values = new String[attributes.size()];
                    for (int c = 0; c < values.length; c++) {
                        values[c] = rs.getString(c + 2);
                    }
                    before.put(rs.getString(1), values);
                });
        Map<String, List<Fragment>> byProfile = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT f.profile_id, f.source_key, f.source_type, f.last_updated,
                               CASE WHEN w.key IS NULL THEN f.data::text END
                        FROM fragment f LEFT JOIN unnest(?::text[]) AS w(key) ON w.key = f.source_key
                        WHERE f.profile_id = ANY(?) AND NOT f.deleted""")
                .param(written.keySet().toArray(String[]::new))
                .param(profileIds.toArray(String[]::new))
                .query((rs, n) -> {
                    String text = rs.getString(5);
                    JsonNode data = text != null ? XdmJson.mapper().readTree(text) : written.get(rs.getString(2));
                    return new Fragment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), data);
                })
                .list()
                .forEach(f -> byProfile.computeIfAbsent(f.profileId(), k -> new ArrayList<>()).add(f));

        // column-wise arrays: one statement per table however many profiles the batch touched
        List<String> ids = new ArrayList<>(byProfile.keySet());
        String[] lineage = new String[ids.size()];
        String[][] columns = new String[attributes.size()][ids.size()];
        Map<String, List<String>> changes = new LinkedHashMap<>();
        for (int row = 0; row < ids.size(); row++) {
            List<Fragment> fragments = byProfile.get(ids.get(row));
            fragments.sort(preference);
            Map<String, Merged> merged = merge(attributes, fragments);
            lineage[row] = XdmJson.mapper().writeValueAsString(merged);
            String[] previous = before.get(ids.get(row));
            List<String> changed = new ArrayList<>();
            for (int c = 0; c < attributes.size(); c++) {
                Merged m = merged.get(attributes.get(c).name());
                columns[c][row] = m == null ? null : m.value() instanceof BigDecimal b ? b.toPlainString() : m.value().toString();
                if (previous != null && !attributes.get(c).same(previous[c], columns[c][row])) {
                    changed.add(attributes.get(c).column());
                }
            }
            if (previous != null) {
                changes.put(ids.get(row), changed);
            }
        }
        if (ids.isEmpty()) {
            return changes;
        }
        Timestamp now = Timestamp.from(Instant.now());
        Map<String, String> lineageOf = new LinkedHashMap<>();
        for (int row = 0; row < ids.size(); row++) {
            lineageOf.put(ids.get(row), lineage[row]);
        }
        List<String> newIds = created.keySet().stream().filter(lineageOf::containsKey).toList();
        if (!newIds.isEmpty()) {
            // in creation order: the sequence they draw decides which id survives when they merge later
            jdbc.sql("""
                            INSERT INTO unified_profile (id, entity_type, anchor_key, attributes, created_at, updated_at)
                            SELECT u.id, ?, u.anchor, u.a::jsonb, ?, ? FROM unnest(?::text[], ?::text[], ?::text[])
                                WITH ORDINALITY AS u(id, anchor, a, n) ORDER BY u.n""")
                    .param(type.id()).param(now).param(now)
                    .param(newIds.toArray(String[]::new))
                    .param(newIds.stream().map(created::get).toArray(String[]::new))
                    .param(newIds.stream().map(lineageOf::get).toArray(String[]::new))
                    .update();
        }
        if (newIds.size() < ids.size()) {
            List<String> existing = ids.stream().filter(id -> !created.containsKey(id)).toList();
            jdbc.sql("""
                            UPDATE unified_profile p SET attributes = u.a::jsonb, updated_at = ?
                            FROM unnest(?::text[], ?::text[]) AS u(id, a) WHERE p.id = u.id""")
                    .param(now).param(existing.toArray(String[]::new))
                    .param(existing.stream().map(lineageOf::get).toArray(String[]::new)).update();
        }
        // a new profile's row is inserted plainly: ON CONFLICT costs a speculative insertion per row
        writeRows(table.insertSql(), now, ids, columns, created::containsKey);
        writeRows(table.upsertSql(), now, ids, columns, id -> !created.containsKey(id));
        return changes;
    }

    /** Runs {@code sql} with the rows of {@code ids} and {@code columns} whose id {@code include} accepts, if any. */
    private void writeRows(String sql, Timestamp now, List<String> ids, String[][] columns, Predicate<String> include) {
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < ids.size(); row++) {
            if (include.test(ids.get(row))) {
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        var statement = jdbc.sql(sql).param(now).param(rows.stream().map(ids::get).toArray(String[]::new));
        for (String[] column : columns) {
            statement = statement.param(rows.stream().map(row -> column[row]).toArray(String[]::new));
        }
        statement.update();
    }

    private static Map<String, Merged> merge(List<Attribute> attributes, List<Fragment> preferred) {
        Map<String, Merged> merged = new LinkedHashMap<>();
        for (Attribute attribute : attributes) {
            for (Fragment fragment : preferred) {
                Object value = attribute.reader().apply(fragment.data());
                if (value != null) {
                    merged.put(attribute.name(), new Merged(value instanceof BigDecimal b ? Numbers.plain(b) : value,
                            fragment.sourceKey(), fragment.lastUpdated()));
                    break;
                }
            }
        }
        return merged;
    }
}
