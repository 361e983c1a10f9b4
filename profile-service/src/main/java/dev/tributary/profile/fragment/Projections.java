package dev.tributary.profile.fragment;

import dev.tributary.xdm.XdmClass;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one declaration of each relationship table's columns and of the XDM fields each class's row is read from:
 * the insert statements, the rows, the fields whose change re-projects a row and the columns a change event names
 * are all derived from it (ADR 0033).
 */
final class Projections {

    private Projections() {
    }

    /** How a column's value is read from a record version: {@code record} and {@code key} are null when only data is compared. */
    @FunctionalInterface
    interface Reader {
        Object read(IncomingRecord record, String key, JsonNode data);
    }

    /** One column of a class's row: its name in the table, the XDM fields it is read from (none: key, time, constant), how. */
    record Column(String name, List<String> fields, Reader reader) {

        static Column text(String name, String field) {
            return new Column(name, List.of(field), (r, k, d) -> Json.text(d, field));
        }

        static Column bool(String name, String field) {
            return new Column(name, List.of(field), (r, k, d) -> Json.bool(d, field));
        }

        static Column decimal(String name, String field) {
            return new Column(name, List.of(field), (r, k, d) -> Json.decimal(d, field));
        }

        static Column instant(String name, String field) {
            return new Column(name, List.of(field), (r, k, d) -> Json.instant(d, field));
        }

        /** The fragment's own source key. */
        static Column key(String name) {
            return new Column(name, List.of(), (r, k, d) -> k);
        }

        static Column record(String name, Reader reader) {
            return new Column(name, List.of(), reader);
        }

        static Column constant(String name, Object value) {
            return new Column(name, List.of(), (r, k, d) -> value);
        }

        boolean fromData() {
            return !fields.isEmpty();
        }

        Object read(JsonNode data) {
            return reader.read(null, null, data);
        }
    }

    /**
     * How one class is projected: its table, the statement deleting a fragment's row (it takes the fragment's key),
     * its columns in the table's order, the fields they are read from, and the field without which no row is written.
     */
    record Projection(ProjectedTable table, String deleteSql, List<Column> columns, Set<String> fields, String requires) {

        static Projection of(ProjectedTable table, String deleteSql, String requires, Column... columns) {
            List<Column> ordered = Arrays.stream(columns)
                    .sorted(Comparator.comparingInt((Column c) -> table.columns().indexOf(c.name()))).toList();
            if (!ordered.stream().map(Column::name).toList().equals(table.columns())) {
                throw new IllegalStateException(table.name() + " has the columns " + table.columns() + ", not "
                        + ordered.stream().map(Column::name).toList());
            }
            Set<String> fields = new LinkedHashSet<>();
            ordered.forEach(c -> fields.addAll(c.fields()));
            return new Projection(table, deleteSql, ordered, Set.copyOf(fields), requires);
        }

        /** The row the live version {@code r} (of source key {@code key}) projects to, or null when it projects to none. */
        Object[] row(IncomingRecord r, String key) {
            JsonNode d = r.data();
            if (requires != null && Json.text(d, requires) == null) {
                return null;
            }
            Object[] row = new Object[columns.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = columns.get(c).reader().read(r, key, d);
            }
            return row;
        }
    }

    static final ProjectedTable LINK = ProjectedTable.of("person_account_link",
            "link_key, person_key, account_key, relation, role, is_active boolean", true, true);
    static final ProjectedTable OPPORTUNITY = ProjectedTable.of("opportunity", "source_key, account_key, source_type, "
            + "source_instance_id, name, stage, amount numeric, currency, is_won boolean, is_closed boolean, close_date date, "
            + "updated_at timestamptz", false, true);
    static final ProjectedTable OPPORTUNITY_PERSON = ProjectedTable.of("opportunity_person",
            "source_key, opportunity_key, person_key, role, is_primary boolean", true, false);
    static final ProjectedTable CAMPAIGN = ProjectedTable.of("campaign", "source_key, name, type, status", false, false);
    static final ProjectedTable CAMPAIGN_MEMBER = ProjectedTable.of("campaign_member",
            "source_key, campaign_key, person_key, member_status, membership_date timestamptz, has_responded boolean", true, false);
    static final ProjectedTable MARKETING_LIST = ProjectedTable.of("marketing_list", "source_key, name", false, false);
    static final ProjectedTable MARKETING_LIST_MEMBER = ProjectedTable.of("marketing_list_member",
            "source_key, list_key, person_key", true, false);

    /** The projection of each class that has one; accounts are unified by the identity graph instead. */
    static final Map<XdmClass, Projection> BY_CLASS = new EnumMap<>(Map.of(
            XdmClass.PERSON, Projection.of(LINK,
                    "DELETE FROM person_account_link WHERE link_key = ? AND relation = 'primary'", "accountKey",
                    Column.key("link_key"), Column.key("person_key"), Column.text("account_key", "accountKey"),
                    Column.constant("relation", "primary"), Column.constant("role", null), Column.constant("is_active", true)),
            XdmClass.ACCOUNT_PERSON, Projection.of(LINK,
                    "DELETE FROM person_account_link WHERE link_key = ? AND relation = 'accountPerson'", null,
                    Column.key("link_key"), Column.text("person_key", "personKey"), Column.text("account_key", "accountKey"),
                    Column.constant("relation", "accountPerson"), Column.text("role", "personRole"),
                    Column.bool("is_active", "isActive")),
            XdmClass.OPPORTUNITY, Projection.of(OPPORTUNITY, "DELETE FROM opportunity WHERE source_key = ?", null,
                    Column.key("source_key"), Column.text("account_key", "accountKey"),
                    Column.record("source_type", (r, k, d) -> r.key().sourceType()),
                    Column.record("source_instance_id", (r, k, d) -> r.key().sourceInstanceId()),
                    Column.text("name", "opportunityName"), Column.text("stage", "opportunityStage"),
                    Column.decimal("amount", "opportunityAmount.amount"), Column.text("currency", "opportunityAmount.currencyCode"),
                    Column.bool("is_won", "isWon"), Column.bool("is_closed", "isClosed"),
                    new Column("close_date", List.of("actualCloseDate", "expectedCloseDate"), (r, k, d) -> closeDate(d)),
                    Column.record("updated_at", (r, k, d) -> r.lastUpdated())),
            XdmClass.OPPORTUNITY_PERSON, Projection.of(OPPORTUNITY_PERSON, "DELETE FROM opportunity_person WHERE source_key = ?",
                    null, Column.key("source_key"), Column.text("opportunity_key", "opportunityKey"),
                    Column.text("person_key", "personKey"), Column.text("role", "personRole"), Column.bool("is_primary", "isPrimary")),
            XdmClass.CAMPAIGN, Projection.of(CAMPAIGN, "DELETE FROM campaign WHERE source_key = ?", null,
                    Column.key("source_key"), Column.text("name", "campaignName"), Column.text("type", "campaignType"),
                    Column.text("status", "campaignStatus")),
            XdmClass.CAMPAIGN_MEMBER, Projection.of(CAMPAIGN_MEMBER, "DELETE FROM campaign_member WHERE source_key = ?", null,
                    Column.key("source_key"), Column.text("campaign_key", "campaignKey"), Column.text("person_key", "personKey"),
                    Column.text("member_status", "memberStatus"), Column.instant("membership_date", "membershipDate"),
                    Column.bool("has_responded", "hasResponded")),
            XdmClass.MARKETING_LIST, Projection.of(MARKETING_LIST, "DELETE FROM marketing_list WHERE source_key = ?", null,
                    Column.key("source_key"), Column.text("name", "marketingListName")),
            XdmClass.MARKETING_LIST_MEMBER, Projection.of(MARKETING_LIST_MEMBER,
                    "DELETE FROM marketing_list_member WHERE source_key = ?", null,
                    Column.key("source_key"), Column.text("list_key", "marketingListKey"), Column.text("person_key", "personKey"))));

    /** An opportunity closes on its actual close date, else on the expected one. */
    private static LocalDate closeDate(JsonNode d) {
        LocalDate actual = Json.date(d, "actualCloseDate");
        return actual != null ? actual : Json.date(d, "expectedCloseDate");
    }
}
