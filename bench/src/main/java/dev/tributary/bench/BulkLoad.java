package dev.tributary.bench;

/**
 * Loads a segmentation-scale organisation straight into the profile tables with {@code generate_series}, in
 * the shape profile-service itself writes (unified profiles, identity_profile rows for every source key and
 * email, relationship rows keyed by source keys), so the {@code profile_read} views resolve as after real
 * ingestion. Deterministic: every value derives from {@code hashint8extended(row, salt)}. Skips fragments and
 * the identity_link graph, which segmentation never reads.
 *
 * <p>At scale 1: 100,000 companies (each a CRM and a Marketo account, odd ones also a Dynamics account),
 * 1,000,000 people (CRM contact + Marketo lead + email, a 'primary' and an 'accountPerson' link to their
 * company), 500,000 opportunities (a third won, 5,000-1,005,000), one contact per opportunity, 200 campaigns
 * with a member for every second person, 50 lists with a member for every third, 10,000,000 events over the
 * last 90 days (80% page views, 1 in 12 on /products/new), 70% keyed by CRM key, 20% Marketo key, 10% email.
 */
final class BulkLoad {
    private final Db db;
    final long people;
    final long companies;
    final long opportunities;
    final long events;

    BulkLoad(Db db, double scale) {
        this.db = db;
        this.people = Math.max(10, Math.round(1_000_000 * scale));
        this.companies = Math.max(1, Math.round(100_000 * scale));
        this.opportunities = Math.max(1, Math.round(500_000 * scale));
        this.events = Math.max(1, Math.round(10_000_000 * scale));
    }

    private static String h(String col, int salt) {
        return "(hashint8extended(" + col + "::bigint, " + salt + ") & 2147483647)";
    }

    private void step(String label, String sql) throws Exception {
        long t0 = System.nanoTime();
        db.exec(sql);
        System.out.printf("  %-28s %6.1f s%n", label, (System.nanoTime() - t0) / 1e9);
    }

    double run() throws Exception {
        long t0 = System.nanoTime();
        long a = companies, p = people, o = opportunities;
        long perCompany = Math.max(1, p / a);
        System.out.printf("bulk load: %,d people, %,d companies, %,d opportunities, %,d events%n", p, a, o, events);
        db.exec("SET synchronous_commit = off");
        db.exec("CREATE TEMP TABLE IF NOT EXISTS bench_ref AS SELECT now() AS t");
        String companiesGs = "generate_series(0, " + (a - 1) + ") i";
        String peopleGs = "generate_series(0, " + (p - 1) + ") j";
        step("unified accounts", "INSERT INTO profile.unified_profile (id, entity_type, anchor_key, created_at, updated_at) "
                + "SELECT 'acc_b' || i, 'account', '001A' || i || '@crm-1.Salesforce', now(), now() FROM " + companiesGs + ";"
                + "INSERT INTO profile.unified_account (id, name, domain, industry, employees, annual_revenue, currency, country, created_at, updated_at) "
                + "SELECT 'acc_b' || i, 'Company ' || i, 'c' || i || '.bench-corp.com', "
                + "(ARRAY['Automotive','Manufacturing','Software','Retail','Finance','Healthcare'])[1 + " + h("i", 1) + " % 6], "
                + "10 + " + h("i", 2) + " % 20000, 1000000 + " + h("i", 3) + " % 900000000, 'USD', "
                + "(ARRAY['US','US','US','GB','DE','FR','CA','JP','AU','NL'])[1 + " + h("i", 4) + " % 10], now(), now() FROM " + companiesGs);
        step("account identities", "INSERT INTO profile.identity_profile (entity_type, namespace, value, profile_id) "
                + "SELECT 'account', 'b2b_account', '001A' || i || '@crm-1.Salesforce', 'acc_b' || i FROM " + companiesGs
                + " UNION ALL SELECT 'account', 'b2b_account', 'A' || i || '@mkto-1.Marketo', 'acc_b' || i FROM " + companiesGs
                + " UNION ALL SELECT 'account', 'b2b_account', 'acc-' || i || '@crm-2.Dynamics', 'acc_b' || i FROM " + companiesGs + " WHERE i % 2 = 1");
        step("unified persons", "INSERT INTO profile.unified_profile (id, entity_type, anchor_key, created_at, updated_at) "
                + "SELECT 'per_b' || j, 'person', '003P' || j || '@crm-1.Salesforce', now(), now() FROM " + peopleGs + ";"
                + "INSERT INTO profile.unified_person (id, email, first_name, last_name, job_title, country, score, email_consent, created_at, updated_at) "
                + "SELECT 'per_b' || j, 'p' || j || '@c' || (j % " + a + ") || '.bench-corp.com', "
                + "(ARRAY['Pat','Sam','Lee','Alex','Kim','Jo','Max','Robin','Chris','Dana'])[1 + " + h("j", 5) + " % 10], "
                + "(ARRAY['Smith','Jones','Brown','Garcia','Miller','Davis','Martin','Lopez'])[1 + " + h("j", 6) + " % 8], "
                + "(ARRAY['VP Engineering','CTO','Procurement Lead','Marketing Manager','Analyst','Head of Manufacturing','CFO','Developer'])[1 + " + h("j", 7) + " % 8], "
                + "(ARRAY['US','US','US','GB','DE','FR','CA','JP','AU','NL'])[1 + " + h("j", 8) + " % 10], "
                + h("j", 9) + " % 101, CASE WHEN " + h("j", 10) + " % 4 = 0 THEN 'n' ELSE 'y' END, now(), now() FROM " + peopleGs);
        step("person identities", "INSERT INTO profile.identity_profile (entity_type, namespace, value, profile_id) "
                + "SELECT 'person', 'b2b_person', '003P' || j || '@crm-1.Salesforce', 'per_b' || j FROM " + peopleGs
                + " UNION ALL SELECT 'person', 'b2b_person', 'L' || j || '@mkto-1.Marketo', 'per_b' || j FROM " + peopleGs
                + " UNION ALL SELECT 'person', 'email', 'p' || j || '@c' || (j % " + a + ") || '.bench-corp.com', 'per_b' || j FROM " + peopleGs);
        step("person-account links", "INSERT INTO profile.person_account_link (link_key, person_key, account_key, relation, role, is_active) "
                + "SELECT '003P' || j || '@crm-1.Salesforce', '003P' || j || '@crm-1.Salesforce', '001A' || (j % " + a + ") || '@crm-1.Salesforce', 'primary', null, null FROM " + peopleGs
                + " UNION ALL SELECT 'AP' || j || '@mkto-1.Marketo', 'L' || j || '@mkto-1.Marketo', 'A' || (j % " + a + ") || '@mkto-1.Marketo', 'accountPerson', 'Influencer', true FROM " + peopleGs);
        String oppGs = "(SELECT k, k % " + a + " AS c FROM generate_series(0, " + (o - 1) + ") k) g";
        step("opportunities", "INSERT INTO profile.opportunity (source_key, account_key, source_type, source_instance_id, name, stage, amount, currency, is_won, is_closed, close_date, updated_at) "
                + "SELECT CASE WHEN c % 2 = 1 AND k % 4 = 3 THEN 'opp-' || k || '@crm-2.Dynamics' ELSE '006O' || k || '@crm-1.Salesforce' END, "
                + "CASE WHEN c % 2 = 1 AND k % 4 = 3 THEN 'acc-' || c || '@crm-2.Dynamics' ELSE '001A' || c || '@crm-1.Salesforce' END, "
                + "CASE WHEN c % 2 = 1 AND k % 4 = 3 THEN 'Dynamics' ELSE 'Salesforce' END, "
                + "CASE WHEN c % 2 = 1 AND k % 4 = 3 THEN 'crm-2' ELSE 'crm-1' END, 'Deal ' || k, "
                + "CASE WHEN k % 3 = 0 THEN 'Closed Won' WHEN k % 5 = 1 THEN 'Closed Lost' ELSE 'Negotiation' END, "
                + "5000 + " + h("k", 11) + " % 1000000, 'USD', k % 3 = 0, k % 3 = 0 OR k % 5 = 1, "
                + "current_date - (" + h("k", 12) + " % 365)::int, now() FROM " + oppGs);
        step("opportunity contacts", "INSERT INTO profile.opportunity_person (source_key, opportunity_key, person_key, role, is_primary) "
                + "SELECT '00OP' || k || '@crm-1.Salesforce', "
                + "CASE WHEN c % 2 = 1 AND k % 4 = 3 THEN 'opp-' || k || '@crm-2.Dynamics' ELSE '006O' || k || '@crm-1.Salesforce' END, "
                + "'003P' || least(" + (p - 1) + ", c + " + a + " * (" + h("k", 13) + " % " + perCompany + ")) || '@crm-1.Salesforce', 'Decision Maker', true FROM " + oppGs);
        step("campaigns and lists", "INSERT INTO profile.campaign (source_key, name, type, status) "
                + "SELECT '701C' || n || '@crm-1.Salesforce', 'Campaign ' || n, (ARRAY['Webinar','Email','Event'])[1 + n % 3], 'Completed' FROM generate_series(0, 199) n;"
                + "INSERT INTO profile.campaign_member (source_key, campaign_key, person_key, member_status, membership_date, has_responded) "
                + "SELECT '00vM' || j || '@crm-1.Salesforce', '701C' || (" + h("j", 14) + " % 200) || '@crm-1.Salesforce', '003P' || j || '@crm-1.Salesforce', "
                + "'Sent', now() - (" + h("j", 15) + " % 365) * interval '1 day', " + h("j", 16) + " % 3 = 0 FROM " + peopleGs + " WHERE j % 2 = 0;"
                + "INSERT INTO profile.marketing_list (source_key, name) SELECT 'ML' || n || '@mkto-1.Marketo', 'List ' || n FROM generate_series(0, 49) n;"
                + "INSERT INTO profile.marketing_list_member (source_key, list_key, person_key) "
                + "SELECT 'MLM' || j || '@mkto-1.Marketo', 'ML' || (" + h("j", 17) + " % 50) || '@mkto-1.Marketo', 'L' || j || '@mkto-1.Marketo' FROM " + peopleGs + " WHERE j % 3 = 0");
        long chunk = 2_000_000;
        for (long from = 0; from < events; from += chunk) {
            long to = Math.min(events, from + chunk) - 1;
            String person = "(" + h("n", 20) + " % " + p + ")";
            // the unified id is resolved as the row is written (a later UPDATE of 10M rows took longer than the insert)
            step(String.format("events %,d-%,d", from, to), "INSERT INTO profile.experience_event (event_id, identity_ns, identity_value, event_type, ts, url, page_name, referrer, source_id, person_id) "
                    + "SELECT x.*, ip.profile_id FROM (SELECT 'bev-' || n, CASE WHEN n % 10 = 9 THEN 'email' ELSE 'b2b_person' END AS ns, "
                    + "CASE WHEN n % 10 < 7 THEN '003P' || pj || '@crm-1.Salesforce' WHEN n % 10 < 9 THEN 'L' || pj || '@mkto-1.Marketo' "
                    + "ELSE 'p' || pj || '@c' || (pj % " + a + ") || '.bench-corp.com' END AS val, "
                    + "CASE WHEN " + h("n", 21) + " % 10 < 8 THEN 'web.webpagedetails.pageViews' ELSE 'directMarketing.emailOpened' END, "
                    + "(SELECT t FROM bench_ref) - (" + h("n", 22) + " % (90 * 86400)) * interval '1 second', "
                    + "'https://www.bench-corp.com' || path, path, 'https://www.google.com/', 'bench' "
                    + "FROM (SELECT n, " + person + " AS pj, (ARRAY['/','/pricing','/products','/products/new','/blog','/docs','/about',"
                    + "'/careers','/contact','/products/classic','/webinars','/customers'])[1 + " + h("n", 23) + " % 12] AS path "
                    + "FROM generate_series(" + from + ", " + to + ") n) s) x "
                    + "LEFT JOIN profile.identity_profile ip ON ip.entity_type = 'person' AND ip.namespace = x.ns AND ip.value = x.val");
        }
        // profile-service keeps the unified ids beside the source keys (migration V3); so does the bulk load
        step("resolve unified ids", "UPDATE profile.person_account_link l SET person_id = ip.profile_id FROM profile.identity_profile ip "
                + "WHERE ip.entity_type = 'person' AND ip.namespace = 'b2b_person' AND ip.value = l.person_key;"
                + "UPDATE profile.person_account_link l SET account_id = ip.profile_id FROM profile.identity_profile ip "
                + "WHERE ip.entity_type = 'account' AND ip.namespace = 'b2b_account' AND ip.value = l.account_key;"
                + "UPDATE profile.opportunity o SET account_id = ip.profile_id FROM profile.identity_profile ip "
                + "WHERE ip.entity_type = 'account' AND ip.namespace = 'b2b_account' AND ip.value = o.account_key;"
                + "UPDATE profile.opportunity_person o SET person_id = ip.profile_id FROM profile.identity_profile ip "
                + "WHERE ip.entity_type = 'person' AND ip.namespace = 'b2b_person' AND ip.value = o.person_key;"
                + "UPDATE profile.campaign_member m SET person_id = ip.profile_id FROM profile.identity_profile ip "
                + "WHERE ip.entity_type = 'person' AND ip.namespace = 'b2b_person' AND ip.value = m.person_key;"
                + "UPDATE profile.marketing_list_member m SET person_id = ip.profile_id FROM profile.identity_profile ip "
                + "WHERE ip.entity_type = 'person' AND ip.namespace = 'b2b_person' AND ip.value = m.person_key");
        step("analyze", "ANALYZE profile.unified_profile, profile.unified_person, profile.unified_account, profile.identity_profile, "
                + "profile.person_account_link, profile.opportunity, profile.opportunity_person, profile.campaign, profile.campaign_member, "
                + "profile.marketing_list, profile.marketing_list_member, profile.experience_event");
        return Math.round((System.nanoTime() - t0) / 1e8) / 10.0;
    }
}
