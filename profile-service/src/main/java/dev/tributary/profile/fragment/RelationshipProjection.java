package dev.tributary.profile.fragment;

import dev.tributary.profile.EntityType;
import dev.tributary.xdm.XdmClass;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static dev.tributary.profile.fragment.Json.bool;
import static dev.tributary.profile.fragment.Json.date;
import static dev.tributary.profile.fragment.Json.decimal;
import static dev.tributary.profile.fragment.Json.instant;
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

    private final JdbcTemplate jdbc;

    public RelationshipProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Touched project(Collection<FragmentChange> changes) {
        Map<String, List<String>> deletes = new HashMap<>();
        Map<Table, List<Object[]>> inserts = new LinkedHashMap<>();
        List<String> persons = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        List<OpportunityChange> opportunities = new ArrayList<>();
        for (FragmentChange change : changes) {
            if (projectsAsBefore(change)) {
                // e.g. a contact's new job title: its account link, and so the account, did not change
                continue;
            }
            IncomingRecord r = change.incoming();
            JsonNode d = r.data();
            JsonNode old = change.previous() == null ? null : change.previous().data();
            String key = change.sourceKey();
            boolean live = !r.deleted();
            switch (r.xdmClass()) {
                case PERSON -> {
                    // the person's own accounts changed: announced as such, not only as an attribute change
                    persons.add(key);
                    keyed(deletes, "DELETE FROM person_account_link WHERE link_key = ? AND relation = 'primary'", key);
                    if (live && text(d, "accountKey") != null) {
                        add(inserts, LINK, key, key, text(d, "accountKey"), "primary", null, true);
                        accounts.add(text(d, "accountKey"));
                    }
                    collect(accounts, old, "accountKey");
                }
                case ACCOUNT_PERSON -> {
                    keyed(deletes, "DELETE FROM person_account_link WHERE link_key = ? AND relation = 'accountPerson'", key);
                    if (live) {
                        add(inserts, LINK, key, text(d, "personKey"), text(d, "accountKey"), "accountPerson",
                                text(d, "personRole"), bool(d, "isActive"));
                    }
                    collect(persons, d, "personKey");
                    collect(accounts, d, "accountKey");
                    collect(persons, old, "personKey");
                    collect(accounts, old, "accountKey");
                }
                case OPPORTUNITY -> {
                    keyed(deletes, "DELETE FROM opportunity WHERE source_key = ?", key);
                    if (live) {
                        add(inserts, OPPORTUNITY, key, text(d, "accountKey"), r.key().sourceType(), r.key().sourceInstanceId(),
                                text(d, "opportunityName"), text(d, "opportunityStage"),
                                decimal(d, "opportunityAmount.amount"), text(d, "opportunityAmount.currencyCode"),
                                bool(d, "isWon"), bool(d, "isClosed"), closeDate(d), r.lastUpdated());
                    }
                    OpportunityChange inPlace = changedInPlace(change);
                    if (inPlace != null) {
                        opportunities.add(inPlace);
                    } else {
                        collect(accounts, d, "accountKey");
                        collect(accounts, old, "accountKey");
                    }
                }
                case OPPORTUNITY_PERSON -> {
                    keyed(deletes, "DELETE FROM opportunity_person WHERE source_key = ?", key);
                    if (live) {
                        add(inserts, OPPORTUNITY_PERSON, key, text(d, "opportunityKey"), text(d, "personKey"),
                                text(d, "personRole"), bool(d, "isPrimary"));
                    }
                    collect(persons, d, "personKey");
                    collect(persons, old, "personKey");
                }
                case CAMPAIGN -> {
                    keyed(deletes, "DELETE FROM campaign WHERE source_key = ?", key);
                    if (live) {
                        add(inserts, CAMPAIGN, key, text(d, "campaignName"), text(d, "campaignType"), text(d, "campaignStatus"));
                    }
                    persons.addAll(members("SELECT person_key FROM campaign_member WHERE campaign_key = ?", key));
                }
                case CAMPAIGN_MEMBER -> {
                    keyed(deletes, "DELETE FROM campaign_member WHERE source_key = ?", key);
                    if (live) {
                        add(inserts, CAMPAIGN_MEMBER, key, text(d, "campaignKey"), text(d, "personKey"), text(d, "memberStatus"),
                                instant(d, "membershipDate"), bool(d, "hasResponded"));
                    }
                    collect(persons, d, "personKey");
                    collect(persons, old, "personKey");
                }
                case MARKETING_LIST -> {
                    keyed(deletes, "DELETE FROM marketing_list WHERE source_key = ?", key);
                    if (live) {
                        add(inserts, MARKETING_LIST, key, text(d, "marketingListName"));
                    }
                    persons.addAll(members("SELECT person_key FROM marketing_list_member WHERE list_key = ?", key));
                }
                case MARKETING_LIST_MEMBER -> {
                    keyed(deletes, "DELETE FROM marketing_list_member WHERE source_key = ?", key);
                    if (live) {
                        add(inserts, MARKETING_LIST_MEMBER, key, text(d, "marketingListKey"), text(d, "personKey"));
                    }
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
    private static OpportunityChange changedInPlace(FragmentChange change) {
        if (!liveBeforeAndAfter(change)) {
            return null;
        }
        StoredFragment previous = change.previous();
        IncomingRecord r = change.incoming();
        String account = text(r.data(), "accountKey");
        if (account == null || !account.equals(text(previous.data(), "accountKey"))) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        OPPORTUNITY_COLUMNS.forEach(column -> {
            if (!Objects.equals(Json.at(previous.data(), column.getKey()), Json.at(r.data(), column.getKey()))) {
                fields.add(column.getValue());
            }
        });
        if (!Objects.equals(closeDate(previous.data()), closeDate(r.data()))) {
            fields.add("close_date");
        }
        return new OpportunityChange(account, change.sourceKey(), fields);
    }

    /** True when a live fragment of the same class, with its data, is replaced by a live new version. */
    private static boolean liveBeforeAndAfter(FragmentChange change) {
        StoredFragment previous = change.previous();
        return previous != null && !previous.deleted() && !change.incoming().deleted() && previous.data() != null
                && previous.xdmClass().equals(change.incoming().xdmClass().jsonName());
    }

    /** XDM fields of an opportunity and the {@code profile_read.opportunity} columns they are projected to (close_date aside). */
    private static final List<Map.Entry<String, String>> OPPORTUNITY_COLUMNS = List.of(
            Map.entry("opportunityName", "name"),
            Map.entry("opportunityStage", "stage"),
            Map.entry("opportunityAmount.amount", "amount"),
            Map.entry("opportunityAmount.currencyCode", "currency"),
            Map.entry("isWon", "is_won"),
            Map.entry("isClosed", "is_closed"));

    /** True when the new version of a live fragment would write the same relationship row as the stored one. */
    private static boolean projectsAsBefore(FragmentChange change) {
        if (!liveBeforeAndAfter(change)) {
            return false;
        }
        StoredFragment previous = change.previous();
        IncomingRecord r = change.incoming();
        List<String> fields = PROJECTED.get(r.xdmClass());
        if (fields == null) {
            return false;
        }
        for (String field : fields) {
            if (!Objects.equals(Json.at(previous.data(), field), Json.at(r.data(), field))) {
                return false;
            }
        }
        return true;
    }

    /** The fields of each class that its relationship row is made of (the fragment's own key aside). */
    private static final Map<XdmClass, List<String>> PROJECTED = Map.of(
            XdmClass.PERSON, List.of("accountKey"),
            XdmClass.ACCOUNT_PERSON, List.of("personKey", "accountKey", "personRole", "isActive"),
            XdmClass.OPPORTUNITY, List.of("accountKey", "opportunityName", "opportunityStage",
                    "opportunityAmount.amount", "opportunityAmount.currencyCode", "isWon", "isClosed",
                    "actualCloseDate", "expectedCloseDate"),
            XdmClass.OPPORTUNITY_PERSON, List.of("opportunityKey", "personKey", "personRole", "isPrimary"),
            XdmClass.CAMPAIGN, List.of("campaignName", "campaignType", "campaignStatus"),
            XdmClass.CAMPAIGN_MEMBER, List.of("campaignKey", "personKey", "memberStatus", "membershipDate",
                    "hasResponded"),
            XdmClass.MARKETING_LIST, List.of("marketingListName"),
            XdmClass.MARKETING_LIST_MEMBER, List.of("marketingListKey", "personKey"));

    /**
     * A relationship table, how many values a row of it is given, and the statement writing a batch of rows, built
     * once ({@link #of}). With {@code personId} ({@code accountId}), the row's {@code person_id} ({@code account_id})
     * is also written: what its {@code person_key} ({@code account_key}) resolves to.
     * <p>
     * Every row of a batch goes in one statement of arrays, its unified ids resolved by a sub-query a row (a probe of
     * identity_profile's key, ADR 0017): one statement text whatever the batch size, where pgjdbc's rewrite into rows
     * of values gives each batch size its own text and plans, several times slower. Resolving by a join would let
     * stale statistics of a growing identity_profile pick plans that read every identity of the type
     * for each batch, or for each row (ADR 0017).
     */
    private record Table(String name, int width, String insertSql) {

        /** {@code columns}: names, each with a type when not text, separated by ", ". */
        static Table of(String name, String columns, boolean personId, boolean accountId) {
            List<String> declared = List.of(columns.split(", "));
            List<String> names = declared.stream().map(c -> c.split(" ")[0]).toList();
            List<String> values = declared.stream().map(c -> c.contains(" ") ? "CAST(u." + c.replace(" ", " AS ") + ")" : "u." + c)
                    .collect(Collectors.toCollection(ArrayList::new));
            List<String> written = new ArrayList<>(names);
            if (personId) {
                written.add("person_id");
                values.add(EntityType.PERSON.resolvedIdSql("u.person_key"));
            }
            if (accountId) {
                written.add("account_id");
                values.add(EntityType.ACCOUNT.resolvedIdSql("u.account_key"));
            }
            return new Table(name, names.size(), "INSERT INTO " + name + " (" + String.join(", ", written) + ")\nSELECT "
                    + String.join(",\n       ", values) + "\nFROM unnest("
                    + names.stream().map(n -> "?::text[]").collect(Collectors.joining(", ")) + ") AS u(" + String.join(", ", names) + ")");
        }
    }

    private static final Table LINK = Table.of("person_account_link",
            "link_key, person_key, account_key, relation, role, is_active boolean", true, true);
    /** The statement writing a batch of person-account links, given its six columns as text arrays (ADR 0017's test). */
    static String linkInsertSql() {
        return LINK.insertSql();
    }

    private static final Table OPPORTUNITY = Table.of("opportunity", "source_key, account_key, source_type, source_instance_id, "
            + "name, stage, amount numeric, currency, is_won boolean, is_closed boolean, close_date date, updated_at timestamptz",
            false, true);
    private static final Table OPPORTUNITY_PERSON = Table.of("opportunity_person",
            "source_key, opportunity_key, person_key, role, is_primary boolean", true, false);
    private static final Table CAMPAIGN = Table.of("campaign", "source_key, name, type, status", false, false);
    private static final Table CAMPAIGN_MEMBER = Table.of("campaign_member",
            "source_key, campaign_key, person_key, member_status, membership_date timestamptz, has_responded boolean", true, false);
    private static final Table MARKETING_LIST = Table.of("marketing_list", "source_key, name", false, false);
    private static final Table MARKETING_LIST_MEMBER = Table.of("marketing_list_member", "source_key, list_key, person_key",
            true, false);

    /** Writes the rows of one table: their values column by column, each value as text. */
    private void insert(Table table, List<Object[]> rows) {
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

    private static LocalDate closeDate(JsonNode d) {
        LocalDate actual = date(d, "actualCloseDate");
        return actual != null ? actual : date(d, "expectedCloseDate");
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

    private static void add(Map<Table, List<Object[]>> inserts, Table table, Object... values) {
        if (values.length != table.width()) {
            throw new IllegalArgumentException(table.name() + " takes " + table.width() + " values, not " + values.length);
        }
        inserts.computeIfAbsent(table, t -> new ArrayList<>()).add(values);
    }
}
