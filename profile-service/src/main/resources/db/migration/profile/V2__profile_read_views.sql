-- profile_read, version 1: the read-only contract segmentation-service queries. Documented in
-- docs/architecture.md and profile-service/README.md; change only by adding a new version.

CREATE VIEW profile_read.person AS
SELECT id AS person_id, email, first_name, last_name, job_title, country, score, email_consent,
       created_at, updated_at
FROM profile.unified_person;

CREATE VIEW profile_read.account AS
SELECT id AS account_id, name, domain, industry, employees, annual_revenue, country, created_at, updated_at
FROM profile.unified_account;

CREATE VIEW profile_read.person_account AS
SELECT pp.profile_id AS person_id, ap.profile_id AS account_id,
       l.person_key AS source_person_key, l.account_key AS source_account_key, l.relation
FROM profile.person_account_link l
JOIN profile.identity_profile pp ON pp.entity_type = 'person' AND pp.namespace = 'b2b_person' AND pp.value = l.person_key
JOIN profile.identity_profile ap ON ap.entity_type = 'account' AND ap.namespace = 'b2b_account' AND ap.value = l.account_key
WHERE l.is_active IS DISTINCT FROM false;

CREATE VIEW profile_read.opportunity AS
SELECT o.source_key AS opportunity_id, ap.profile_id AS account_id, o.account_key AS source_account_key,
       o.source_type, o.source_instance_id, o.name, o.stage, o.amount, o.currency, o.is_won, o.is_closed,
       o.close_date, o.updated_at
FROM profile.opportunity o
LEFT JOIN profile.identity_profile ap
       ON ap.entity_type = 'account' AND ap.namespace = 'b2b_account' AND ap.value = o.account_key;

CREATE VIEW profile_read.opportunity_person AS
SELECT op.opportunity_key AS opportunity_id, pp.profile_id AS person_id, op.role, op.is_primary
FROM profile.opportunity_person op
JOIN profile.identity_profile pp ON pp.entity_type = 'person' AND pp.namespace = 'b2b_person' AND pp.value = op.person_key;

CREATE VIEW profile_read.campaign_membership AS
SELECT pp.profile_id AS person_id, m.campaign_key AS campaign_id, c.name, c.type, c.status,
       m.member_status, m.has_responded, m.membership_date
FROM profile.campaign_member m
JOIN profile.identity_profile pp ON pp.entity_type = 'person' AND pp.namespace = 'b2b_person' AND pp.value = m.person_key
LEFT JOIN profile.campaign c ON c.source_key = m.campaign_key;

CREATE VIEW profile_read.list_membership AS
SELECT pp.profile_id AS person_id, m.list_key AS list_id, l.name
FROM profile.marketing_list_member m
JOIN profile.identity_profile pp ON pp.entity_type = 'person' AND pp.namespace = 'b2b_person' AND pp.value = m.person_key
LEFT JOIN profile.marketing_list l ON l.source_key = m.list_key;

CREATE VIEW profile_read.event AS
SELECT e.event_id, pp.profile_id AS person_id, e.event_type, e.ts, e.url, e.page_name, e.referrer
FROM profile.experience_event e
JOIN profile.identity_profile pp
  ON pp.entity_type = 'person' AND pp.namespace = e.identity_ns AND pp.value = e.identity_value;

CREATE VIEW profile_read.profile_alias AS
SELECT alias_id, profile_id FROM profile.profile_alias;

CREATE VIEW profile_read.source_fragment AS
SELECT profile_id, xdm_class AS entity_type, source_key, source_type, source_instance_id
FROM profile.fragment
WHERE profile_id IS NOT NULL AND NOT deleted;
