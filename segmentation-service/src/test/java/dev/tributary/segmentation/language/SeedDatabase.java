package dev.tributary.segmentation.language;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An embedded PostgreSQL 17 holding the seed scenario in tables shaped like the {@code profile_read}
 * views (architecture.md), plus {@code segmentation.membership}. Started once per test JVM.
 * Runs compiled SQL the way JdbcClient would: named parameters bound by name.
 */
public final class SeedDatabase {

    /** The evaluation instant of every test: the seed's visit happened "last month" relative to it. */
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-29T12:00:00Z");

    private static Connection connection;

    private SeedDatabase() {
    }

    static synchronized Connection connection() {
        if (connection == null) {
            connection = start(true);
        }
        return connection;
    }

    /** A new embedded PostgreSQL with the views' tables, with or without the seed rows. */
    static Connection start(boolean withSeedData) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Connection started = postgres.getPostgresDatabase().getConnection();
            try (Statement statement = started.createStatement()) {
                statement.execute(SCHEMA);
                if (withSeedData) {
                    statement.execute(DATA);
                }
                // The compiled SQL must not depend on the session's time zone.
                statement.execute("SET TIME ZONE 'Pacific/Auckland'");
            }
            return started;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL", e);
        }
    }

    /** Entity ids selected by {@code sql}, sorted. */
    public static List<String> ids(String sql, Map<String, Object> parameters) {
        return ids(connection(), sql, parameters);
    }

    static List<String> ids(Connection on, String sql, Map<String, Object> parameters) {
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> row : rows(on, sql, parameters)) {
            ids.add((String) row.get("entity_id"));
        }
        ids.sort(String::compareTo);
        return ids;
    }

    static List<String> selectAll(CompiledSegment segment) {
        return ids(segment.selectAll(), withNow(segment.parameters()));
    }

    static List<String> selectAmong(CompiledSegment segment, List<String> candidates) {
        Map<String, Object> parameters = withNow(segment.parameters());
        parameters.put("ids", candidates.toArray(new String[0]));
        return ids(segment.selectAmong(), parameters);
    }

    static List<Map<String, Object>> explain(CompiledSegment segment, FactQuery fact, String entityId) {
        Map<String, Object> parameters = withNow(segment.parameters());
        parameters.put("entity_id", entityId);
        return rows(fact.sql(), parameters);
    }

    static Map<String, Object> withNow(Map<String, Object> parameters) {
        Map<String, Object> all = new LinkedHashMap<>(parameters);
        all.put("now", NOW);
        return all;
    }

    static List<Map<String, Object>> rows(String namedSql, Map<String, Object> parameters) {
        return rows(connection(), namedSql, parameters);
    }

    static List<Map<String, Object>> rows(Connection on, String namedSql, Map<String, Object> parameters) {
        List<String> order = new ArrayList<>();
        String sql = positional(namedSql, order);
        try (PreparedStatement statement = on.prepareStatement(sql)) {
            for (int i = 0; i < order.size(); i++) {
                String name = order.get(i);
                if (!parameters.containsKey(name)) {
                    throw new IllegalArgumentException("no value for :" + name + " in " + namedSql);
                }
                Object value = parameters.get(name);
                if (value instanceof String[] array) {
                    Array sqlArray = on.createArrayOf("text", array);
                    statement.setArray(i + 1, sqlArray);
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        Object value = result.getObject(c);
                        row.put(meta.getColumnLabel(c), value instanceof BigDecimal n ? n.stripTrailingZeros() : value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + namedSql, e);
        }
    }

    /** Replaces {@code :name} outside quotes by {@code ?}, recording the names in order. */
    private static String positional(String sql, List<String> order) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            if (!quoted && c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))
                    && (i == 0 || sql.charAt(i - 1) != ':')) {
                int end = i + 1;
                while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                order.add(sql.substring(i + 1, end));
                out.append('?');
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static final String SCHEMA = """
            CREATE SCHEMA profile_read;
            CREATE SCHEMA segmentation;
            CREATE TABLE profile_read.person (person_id text PRIMARY KEY, email text, first_name text, last_name text,
                job_title text, country text, score numeric, email_consent text, created_at timestamptz, updated_at timestamptz);
            CREATE TABLE profile_read.account (account_id text PRIMARY KEY, name text, domain text, industry text,
                employees bigint, annual_revenue numeric, country text, created_at timestamptz, updated_at timestamptz);
            CREATE TABLE profile_read.person_account (person_id text, account_id text, source_person_key text,
                source_account_key text, relation text);
            CREATE TABLE profile_read.opportunity (opportunity_id text PRIMARY KEY, account_id text, source_account_key text,
                source_type text, source_instance_id text, name text, stage text, amount numeric, currency text,
                is_won boolean, is_closed boolean, close_date date, updated_at timestamptz);
            CREATE TABLE profile_read.opportunity_person (opportunity_id text, person_id text, role text, is_primary boolean);
            CREATE TABLE profile_read.campaign_membership (person_id text, campaign_id text, name text, type text, status text,
                member_status text, has_responded boolean, membership_date timestamptz);
            CREATE TABLE profile_read.list_membership (person_id text, list_id text, name text);
            CREATE TABLE profile_read.event (event_id text PRIMARY KEY, person_id text, event_type text, ts timestamptz,
                url text, page_name text, referrer text);
            CREATE TABLE segmentation.membership (segment_id text, entity_id text, active boolean);
            """;

    /**
     * The seed: Townsend is one unified account (U1) made of Account 1 (CRM 1) and Account 2 (CRM 2);
     * p2 belongs to it through both source accounts. p4 works elsewhere (U2), p5 has no relations.
     */
    private static final String DATA = """
            INSERT INTO profile_read.person (person_id, email, country, score, email_consent) VALUES
              ('P1', 'p1@townsend.com', 'US', 10, 'y'), ('P2', 'p2@townsend.com', 'US', 50, 'y'),
              ('P3', 'p3@townsend.com', 'DE', 90, 'n'), ('P4', 'p4@other.com', 'FR', 70, 'y'),
              ('P5', 'p5@nowhere.com', NULL, NULL, NULL);
            INSERT INTO profile_read.account (account_id, name, domain, industry, employees) VALUES
              ('U1', 'Townsend', 'townsend.com', 'Manufacturing', 5000), ('U2', 'Other', 'other.com', 'Retail', 20);
            INSERT INTO profile_read.person_account VALUES
              ('P1', 'U1', '1@mkto-1.Marketo', 'A1@crm-1.Salesforce', 'primary'),
              ('P2', 'U1', '2@mkto-1.Marketo', 'A1@crm-1.Salesforce', 'primary'),
              ('P2', 'U1', '7@mkto-2.Marketo', 'A2@crm-2.Salesforce', 'primary'),
              ('P3', 'U1', '8@mkto-2.Marketo', 'A2@crm-2.Salesforce', 'primary'),
              ('P4', 'U2', '9@mkto-1.Marketo', 'A9@crm-1.Salesforce', 'primary');
            INSERT INTO profile_read.opportunity VALUES
              ('O1@crm-1.Salesforce', 'U1', 'A1@crm-1.Salesforce', 'Salesforce', 'crm-1', 'Opportunity 1', 'Closed Won', 200000, 'USD', true, true, '2026-06-30', now()),
              ('O2@crm-2.Salesforce', 'U1', 'A2@crm-2.Salesforce', 'Salesforce', 'crm-2', 'Opportunity 2', 'Closed Won', 900000, 'USD', true, true, '2026-09-15', now()),
              ('O9@crm-1.Salesforce', 'U2', 'A9@crm-1.Salesforce', 'Salesforce', 'crm-1', 'Big deal', 'Negotiation', 5000000, 'USD', false, false, '2027-01-31', now());
            INSERT INTO profile_read.opportunity_person VALUES ('O1@crm-1.Salesforce', 'P1', 'Decision Maker', true);
            INSERT INTO profile_read.campaign_membership VALUES
              ('P1', 'C1', 'Webinar', 'Webinar', 'Completed', 'Attended', true, '2026-11-02T10:00:00Z');
            INSERT INTO profile_read.list_membership VALUES ('P3', 'L1', 'VIP');
            INSERT INTO profile_read.event VALUES
              ('E1', 'P2', 'web.webpagedetails.pageViews', '2026-11-10T09:00:00Z', 'https://bodea.com/products/new', 'New product', NULL),
              ('E2', 'P1', 'web.webpagedetails.pageViews', '2026-08-01T09:00:00Z', 'https://bodea.com/products/new', 'New product', NULL),
              ('E3', 'P3', 'web.webpagedetails.pageViews', '2026-11-20T09:00:00Z', 'https://bodea.com/pricing', 'Pricing', NULL),
              ('E4', 'P2', 'web.webpagedetails.pageViews', '2026-10-15T09:00:00Z', 'https://bodea.com/about', 'About', NULL);
            INSERT INTO segmentation.membership VALUES ('vip', 'P3', true), ('vip', 'P1', false);
            """;
}
