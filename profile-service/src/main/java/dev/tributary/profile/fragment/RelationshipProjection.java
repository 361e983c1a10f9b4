package dev.tributary.profile.fragment;

import dev.tributary.profile.fragment.Projections.Column;
import dev.tributary.profile.fragment.Projections.Projection;
import dev.tributary.xdm.XdmClass;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.tributary.profile.fragment.Json.text;

/**
 * Keeps the typed relationship tables (person-account links, opportunities, memberships) in step
 * with their fragments; segment queries read these through the profile_read views. It runs after the
 * batch's identity changes, so each row is written once, holding the unified ids its source keys resolve
 * to, instead of written, then re-resolved by {@code ReferenceResolver} once a new person has an id.
 */
@Component
public class RelationshipProjection {

    /**
     * Source keys a change touched, so the change events can name the profiles it affects: {@code accountKeys}
     * for changes that are not described further, {@code opportunities} for opportunities changed in place.
     */
    public record Touched(List<String> personKeys, List<String> accountKeys, List<OpportunityChange> opportunities) {
    }

    /**
     * An opportunity that stayed on its account and is still live, with the {@code profile_read.opportunity}
     * columns whose value changed (e.g. the amount of an open opportunity).
     */
    public record OpportunityChange(String accountKey, String opportunityKey, List<String> fields) {
    }

    /** Loaded with this bean, so that a projection that does not match its table stops start-up (ADR 0033). */
    private static final Map<XdmClass, Projection> PROJECTIONS = Projections.BY_CLASS;

    private final JdbcTemplate jdbc;

    public RelationshipProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Touched project(Collection<FragmentChange> changes) {
        Map<String, List<String>> deletes = new HashMap<>();
        Map<ProjectedTable, List<Object[]>> inserts = new LinkedHashMap<>();
        List<String> persons = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        List<OpportunityChange> opportunities = new ArrayList<>();
        for (FragmentChange change : changes) {
            IncomingRecord r = change.incoming();
            Projection projection = PROJECTIONS.get(r.xdmClass());
            if (projection == null || projectsAsBefore(projection, change)) {
                // e.g. a contact's new job title: its account link, and so the account, did not change
                continue;
            }
            String key = change.sourceKey();
            keyed(deletes, projection.deleteSql(), key);
            Object[] row = r.deleted() ? null : projection.row(r, key);
            if (row != null) {
                inserts.computeIfAbsent(projection.table(), t -> new ArrayList<>()).add(row);
            }
            JsonNode d = r.data();
            JsonNode old = change.previous() == null ? null : change.previous().data();
            switch (r.xdmClass()) {
                case PERSON -> {
                    // the person's own accounts changed: announced as such, not only as an attribute change
                    persons.add(key);
                    if (row != null) {
                        collect(accounts, d, "accountKey");
                    }
                    collect(accounts, old, "accountKey");
                }
                case ACCOUNT_PERSON -> {
                    collect(persons, d, "personKey");
                    collect(accounts, d, "accountKey");
                    collect(persons, old, "personKey");
                    collect(accounts, old, "accountKey");
                }
                case OPPORTUNITY -> {
                    OpportunityChange inPlace = changedInPlace(projection, change);
                    if (inPlace != null) {
                        opportunities.add(inPlace);
                    } else {
                        collect(accounts, d, "accountKey");
                        collect(accounts, old, "accountKey");
                    }
                }
                case CAMPAIGN -> persons.addAll(members("SELECT person_key FROM campaign_member WHERE campaign_key = ?", key));
                case MARKETING_LIST -> persons.addAll(members("SELECT person_key FROM marketing_list_member WHERE list_key = ?", key));
                case OPPORTUNITY_PERSON, CAMPAIGN_MEMBER, MARKETING_LIST_MEMBER -> {
                    collect(persons, d, "personKey");
                    collect(persons, old, "personKey");
                }
                case ACCOUNT -> {
                    // accounts are unified by the identity graph, not projected here
                }
            }
        }
        runKeyed(deletes);
        inserts.forEach(this::insert);
        return new Touched(persons, accounts, opportunities);
    }

    /** The opportunity's columns that a new version changed, when it stays live on the same account; else null. */
    static OpportunityChange changedInPlace(Projection projection, FragmentChange change) {
        if (!liveBeforeAndAfter(change)) {
            return null;
        }
        JsonNode before = change.previous().data();
        JsonNode after = change.incoming().data();
        String account = text(after, "accountKey");
        if (account == null || !account.equals(text(before, "accountKey"))) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        for (Column column : projection.columns()) {
            if (column.fromData() && !column.fields().contains("accountKey")
                    && !Objects.equals(column.read(before), column.read(after))) {
                fields.add(column.name());
            }
        }
        return new OpportunityChange(account, change.sourceKey(), fields);
    }

    /** True when a live fragment of the same class, with its data, is replaced by a live new version. */
    private static boolean liveBeforeAndAfter(FragmentChange change) {
        StoredFragment previous = change.previous();
        return previous != null && !previous.deleted() && !change.incoming().deleted() && previous.data() != null
                && previous.xdmClass().equals(change.incoming().xdmClass().jsonName());
    }

    /** True when the new version of a live fragment would write the same relationship row as the stored one. */
    static boolean projectsAsBefore(Projection projection, FragmentChange change) {
        if (!liveBeforeAndAfter(change)) {
            return false;
        }
        JsonNode before = change.previous().data();
        JsonNode after = change.incoming().data();
        for (String field : projection.fields()) {
            if (!Objects.equals(Json.at(before, field), Json.at(after, field))) {
                return false;
            }
        }
        return true;
    }

    /** The statement writing a batch of person-account links, given its six columns as text arrays (ADR 0017's test). */
    static String linkInsertSql() {
        return Projections.LINK.insertSql();
    }

    /** Writes the rows of one table: their values column by column, each value as text. */
    private void insert(ProjectedTable table, List<Object[]> rows) {
        jdbc.update(connection -> {
            var statement = connection.prepareStatement(table.insertSql());
            for (int c = 0; c < table.width(); c++) {
                String[] column = new String[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    Object value = rows.get(r)[c];
                    column[r] = value == null ? null : value instanceof BigDecimal b ? b.toPlainString() : value.toString();
                }
                statement.setArray(c + 1, connection.createArrayOf("text", column));
            }
            return statement;
        });
    }

    private List<String> members(String sql, String key) {
        return jdbc.queryForList(sql, String.class, key);
    }

    private static void collect(List<String> into, JsonNode data, String field) {
        String value = data == null ? null : text(data, field);
        if (value != null) {
            into.add(value);
        }
    }

    /** Every statement takes one key: one round trip per statement, with its keys as an array. */
    private void runKeyed(Map<String, List<String>> statements) {
        statements.forEach((sql, keys) -> jdbc.update(sql.replace("= ?", "= ANY(?)"), (Object) keys.toArray(String[]::new)));
    }

    /** Collects {@code key} under a statement that takes one key, to run it once with all of them. */
    private static void keyed(Map<String, List<String>> statements, String sql, String key) {
        statements.computeIfAbsent(sql, s -> new ArrayList<>()).add(key);
    }
}
