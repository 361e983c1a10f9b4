package dev.tributary.profile.merge;

import dev.tributary.profile.ProfileProperties;
import dev.tributary.profile.fragment.Json;
import dev.tributary.profile.EntityType;
import dev.tributary.xdm.json.XdmJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Computes the merged attributes of unified profiles from their live fragments under the configured
 * merge policy, and records for each value the fragment it came from (its lineage).
 */
@Component
public class AttributeMerger {

    /** A unified attribute: where it lives in XDM and how it is read. */
    private record Attribute(String name, String path, Function<JsonNode, Object> reader) {
        static Attribute text(String name, String path) {
            return new Attribute(name, path, d -> Json.text(d, path));
        }

        static Attribute number(String name, String path) {
            return new Attribute(name, path, d -> Json.decimal(d, path));
        }
    }

    private static final List<Attribute> PERSON = List.of(
            Attribute.text("email", "workEmail.address"),
            Attribute.text("firstName", "person.name.firstName"),
            Attribute.text("lastName", "person.name.lastName"),
            Attribute.text("jobTitle", "extendedWorkDetails.jobTitle"),
            Attribute.text("country", "workAddress.country"),
            Attribute.number("score", "personScore"),
            Attribute.text("emailConsent", "consents.marketing.email.val"));

    private static final List<Attribute> ACCOUNT = List.of(
            Attribute.text("name", "accountName"),
            Attribute.text("domain", "accountOrganization.domain"),
            Attribute.text("website", "accountOrganization.website"),
            Attribute.text("industry", "accountOrganization.industry"),
            Attribute.number("employees", "accountOrganization.numberOfEmployees"),
            Attribute.number("annualRevenue", "accountOrganization.annualRevenue.amount"),
            Attribute.text("currency", "accountOrganization.annualRevenue.currencyCode"),
            Attribute.text("country", "accountBillingAddress.country"));

    private record Fragment(String profileId, String sourceKey, String sourceType, Instant lastUpdated, JsonNode data) {
    }

    /** A merged value and the fragment it came from. */
    public record Merged(Object value, String source, Instant updatedAt) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final Comparator<Fragment> preference;

    public AttributeMerger(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ProfileProperties properties) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
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

    public void recompute(EntityType type, Collection<String> profileIds) {
        if (profileIds.isEmpty()) {
            return;
        }
        Map<String, List<Fragment>> byProfile = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT profile_id, source_key, source_type, last_updated, data::text
                        FROM fragment WHERE profile_id = ANY(?) AND NOT deleted""")
                .param(profileIds.toArray(String[]::new))
                .query((rs, n) -> new Fragment(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), XdmJson.mapper().readTree(rs.getString(5))))
                .list()
                .forEach(f -> byProfile.computeIfAbsent(f.profileId(), k -> new ArrayList<>()).add(f));

        List<Attribute> attributes = type == EntityType.PERSON ? PERSON : ACCOUNT;
        List<Object[]> profileRows = new ArrayList<>();
        List<Object[]> typedRows = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        byProfile.forEach((profileId, fragments) -> {
            fragments.sort(preference);
            Map<String, Merged> merged = merge(attributes, fragments);
            ObjectNode json = XdmJson.mapper().createObjectNode();
            merged.forEach((name, m) -> json.set(name, XdmJson.mapper().valueToTree(m)));
            profileRows.add(new Object[]{json.toString(), now, profileId});
            Object[] typed = new Object[attributes.size() + 2];
            typed[0] = profileId;
            for (int i = 0; i < attributes.size(); i++) {
                Merged m = merged.get(attributes.get(i).name());
                typed[i + 1] = m == null ? null : m.value();
            }
            typed[attributes.size() + 1] = now;
            typedRows.add(typed);
        });
        jdbcTemplate.batchUpdate("UPDATE unified_profile SET attributes = ?::jsonb, updated_at = ? WHERE id = ?", profileRows);
        jdbcTemplate.batchUpdate(type == EntityType.PERSON ? UPSERT_PERSON : UPSERT_ACCOUNT, typedRows);
    }

    private static Map<String, Merged> merge(List<Attribute> attributes, List<Fragment> preferred) {
        Map<String, Merged> merged = new LinkedHashMap<>();
        for (Attribute attribute : attributes) {
            for (Fragment fragment : preferred) {
                Object value = attribute.reader().apply(fragment.data());
                if (value != null) {
                    merged.put(attribute.name(), new Merged(value instanceof BigDecimal b ? b.stripTrailingZeros() : value,
                            fragment.sourceKey(), fragment.lastUpdated()));
                    break;
                }
            }
        }
        return merged;
    }

    private static final String UPSERT_PERSON = """
            INSERT INTO unified_person (id, email, first_name, last_name, job_title, country, score, email_consent,
                                        created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, now(), ?)
            ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, first_name = EXCLUDED.first_name,
                last_name = EXCLUDED.last_name, job_title = EXCLUDED.job_title, country = EXCLUDED.country,
                score = EXCLUDED.score, email_consent = EXCLUDED.email_consent, updated_at = EXCLUDED.updated_at""";

    private static final String UPSERT_ACCOUNT = """
            INSERT INTO unified_account (id, name, domain, website, industry, employees, annual_revenue, currency,
                                         country, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, domain = EXCLUDED.domain, website = EXCLUDED.website,
                industry = EXCLUDED.industry, employees = EXCLUDED.employees, annual_revenue = EXCLUDED.annual_revenue,
                currency = EXCLUDED.currency, country = EXCLUDED.country, updated_at = EXCLUDED.updated_at""";
}
