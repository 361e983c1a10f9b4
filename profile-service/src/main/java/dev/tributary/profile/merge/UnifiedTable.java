package dev.tributary.profile.merge;

import dev.tributary.profile.ProfileKind;
import dev.tributary.profile.fragment.Json;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one declaration of each unified table's attributes: the XDM field each is merged from and its column. The
 * merger's statements (read before, insert, upsert) are built from it once, at start-up (ADR 0033); adding an
 * attribute is one line here (docs/architecture.md, "How to add an attribute").
 */
record UnifiedTable(String name, List<Attribute> attributes, String selectSql, String insertSql, String upsertSql) {

    /**
     * A unified attribute: its name in the lineage, where it lives in XDM, its column, how it is read, and the cast
     * of its text to the column's type ({@code ""} for text).
     */
    record Attribute(String name, String path, String column, boolean numeric, String cast, Function<JsonNode, Object> reader) {

        static Attribute text(String name, String path, String column) {
            return new Attribute(name, path, column, false, "", d -> Json.text(d, path));
        }

        /** {@code cast}: from the text of the number to the column's type, e.g. {@code ::numeric}. */
        static Attribute number(String name, String path, String column, String cast) {
            return new Attribute(name, path, column, true, cast, d -> Json.decimal(d, path));
        }

        boolean same(String before, String after) {
            if (before == null || after == null || !numeric) {
                return Objects.equals(before, after);
            }
            return new BigDecimal(before).compareTo(new BigDecimal(after)) == 0;
        }
    }

    static final UnifiedTable PERSON = of("unified_person", List.of(
            Attribute.text("email", "workEmail.address", "email"),
            Attribute.text("firstName", "person.name.firstName", "first_name"),
            Attribute.text("lastName", "person.name.lastName", "last_name"),
            Attribute.text("jobTitle", "extendedWorkDetails.jobTitle", "job_title"),
            Attribute.text("country", "workAddress.country", "country"),
            Attribute.number("score", "personScore", "score", "::numeric"),
            Attribute.text("emailConsent", "consents.marketing.email.val", "email_consent")));

    static final UnifiedTable ACCOUNT = of("unified_account", List.of(
            Attribute.text("name", "accountName", "name"),
            Attribute.text("domain", "accountOrganization.domain", "domain"),
            Attribute.text("website", "accountOrganization.website", "website"),
            Attribute.text("industry", "accountOrganization.industry", "industry"),
            Attribute.number("employees", "accountOrganization.numberOfEmployees", "employees", "::numeric::bigint"),
            Attribute.number("annualRevenue", "accountOrganization.annualRevenue.amount", "annual_revenue", "::numeric"),
            Attribute.text("currency", "accountOrganization.annualRevenue.currencyCode", "currency"),
            Attribute.text("country", "accountBillingAddress.country", "country")));

    static UnifiedTable of(ProfileKind type) {
        return type == ProfileKind.PERSON ? PERSON : ACCOUNT;
    }

    /**
     * {@code insertSql} takes the time, then the ids and each attribute's column as text arrays; {@code upsertSql} is
     * the same with ON CONFLICT, for profiles that exist (a plain insert spares new ones a speculative insertion).
     */
    private static UnifiedTable of(String name, List<Attribute> attributes) {
        String columns = attributes.stream().map(Attribute::column).collect(Collectors.joining(", "));
        String insert = "INSERT INTO " + name + " (id, " + columns + ", created_at, updated_at)\n"
                + "SELECT u.id, " + attributes.stream().map(a -> "u." + a.column() + a.cast()).collect(Collectors.joining(", "))
                + ", t.now, t.now\n"
                + "FROM (SELECT CAST(? AS timestamptz) AS now) t,\n"
                + "     unnest(?::text[]" + ", ?::text[]".repeat(attributes.size()) + ")\n"
                + "         AS u(id, " + columns + ")";
        String upsert = insert + "\nON CONFLICT (id) DO UPDATE SET "
                + attributes.stream().map(a -> a.column() + " = EXCLUDED." + a.column()).collect(Collectors.joining(", "))
                + ", updated_at = EXCLUDED.updated_at";
        String select = "SELECT id, " + attributes.stream().map(a -> a.column() + "::text").collect(Collectors.joining(", "))
                + " FROM " + name + " WHERE id = ANY(?)";
        return new UnifiedTable(name, attributes, select, insert, upsert);
    }
}
