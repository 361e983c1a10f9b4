-- Relationship rows carry the unified ids their source keys resolve to, kept current by profile-service
-- whenever identity_profile changes. The profile_read views then read plain indexed columns instead of
-- joining identity_profile for every row (1M people, 10M events: the joins dominated segment queries).
ALTER TABLE person_account_link ADD COLUMN person_id text, ADD COLUMN account_id text;
ALTER TABLE opportunity ADD COLUMN account_id text;
ALTER TABLE opportunity_person ADD COLUMN person_id text;
ALTER TABLE campaign_member ADD COLUMN person_id text;
ALTER TABLE marketing_list_member ADD COLUMN person_id text;
ALTER TABLE experience_event ADD COLUMN person_id text;

UPDATE person_account_link l SET person_id = p.profile_id
FROM identity_profile p WHERE p.entity_type = 'person' AND p.namespace = 'b2b_person' AND p.value = l.person_key;
UPDATE person_account_link l SET account_id = p.profile_id
FROM identity_profile p WHERE p.entity_type = 'account' AND p.namespace = 'b2b_account' AND p.value = l.account_key;
UPDATE opportunity o SET account_id = p.profile_id
FROM identity_profile p WHERE p.entity_type = 'account' AND p.namespace = 'b2b_account' AND p.value = o.account_key;
UPDATE opportunity_person o SET person_id = p.profile_id
FROM identity_profile p WHERE p.entity_type = 'person' AND p.namespace = 'b2b_person' AND p.value = o.person_key;
UPDATE campaign_member m SET person_id = p.profile_id
FROM identity_profile p WHERE p.entity_type = 'person' AND p.namespace = 'b2b_person' AND p.value = m.person_key;
UPDATE marketing_list_member m SET person_id = p.profile_id
FROM identity_profile p WHERE p.entity_type = 'person' AND p.namespace = 'b2b_person' AND p.value = m.person_key;
UPDATE experience_event e SET person_id = p.profile_id
FROM identity_profile p WHERE p.entity_type = 'person' AND p.namespace = e.identity_ns AND p.value = e.identity_value;

CREATE INDEX person_account_link_person_id_idx ON person_account_link (person_id, account_id);
CREATE INDEX person_account_link_account_id_idx ON person_account_link (account_id, person_id);
CREATE INDEX opportunity_account_id_idx ON opportunity (account_id);
CREATE INDEX opportunity_person_person_id_idx ON opportunity_person (person_id);
CREATE INDEX campaign_member_person_id_idx ON campaign_member (person_id);
CREATE INDEX marketing_list_member_person_id_idx ON marketing_list_member (person_id);
CREATE INDEX experience_event_person_id_idx ON experience_event (person_id, ts);

-- same columns as version 1: the contract does not change, only how it is computed
CREATE OR REPLACE VIEW profile_read.person_account AS
SELECT l.person_id, l.account_id, l.person_key AS source_person_key, l.account_key AS source_account_key, l.relation
FROM profile.person_account_link l
WHERE l.person_id IS NOT NULL AND l.account_id IS NOT NULL AND l.is_active IS DISTINCT FROM false;

CREATE OR REPLACE VIEW profile_read.opportunity AS
SELECT o.source_key AS opportunity_id, o.account_id, o.account_key AS source_account_key,
       o.source_type, o.source_instance_id, o.name, o.stage, o.amount, o.currency, o.is_won, o.is_closed,
       o.close_date, o.updated_at
FROM profile.opportunity o;

CREATE OR REPLACE VIEW profile_read.opportunity_person AS
SELECT op.opportunity_key AS opportunity_id, op.person_id, op.role, op.is_primary
FROM profile.opportunity_person op
WHERE op.person_id IS NOT NULL;

CREATE OR REPLACE VIEW profile_read.campaign_membership AS
SELECT m.person_id, m.campaign_key AS campaign_id, c.name, c.type, c.status,
       m.member_status, m.has_responded, m.membership_date
FROM profile.campaign_member m
LEFT JOIN profile.campaign c ON c.source_key = m.campaign_key
WHERE m.person_id IS NOT NULL;

CREATE OR REPLACE VIEW profile_read.list_membership AS
SELECT m.person_id, m.list_key AS list_id, l.name
FROM profile.marketing_list_member m
LEFT JOIN profile.marketing_list l ON l.source_key = m.list_key
WHERE m.person_id IS NOT NULL;

CREATE OR REPLACE VIEW profile_read.event AS
SELECT e.event_id, e.person_id, e.event_type, e.ts, e.url, e.page_name, e.referrer
FROM profile.experience_event e
WHERE e.person_id IS NOT NULL;
