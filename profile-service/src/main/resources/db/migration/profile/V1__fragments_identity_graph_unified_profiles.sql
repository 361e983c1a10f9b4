-- Source fragments: one row per source record, the newest version wins; deletions are kept as
-- tombstones so that a replayed older version cannot resurrect a deleted record.
CREATE TABLE fragment (
    source_key         text PRIMARY KEY,
    xdm_class          text        NOT NULL,
    source_type        text        NOT NULL,
    source_instance_id text        NOT NULL,
    data               jsonb       NOT NULL,
    last_updated       timestamptz NOT NULL,
    -- breaks ties between two versions with the same last-updated time, so any order converges
    content_hash       text        NOT NULL,
    deleted            boolean     NOT NULL DEFAULT false,
    profile_id         text,
    received_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fragment_profile_idx ON fragment (profile_id) WHERE profile_id IS NOT NULL;

-- Identity graph: the identities each live person/account fragment declares (its own source key
-- included). Fragments sharing an identity belong to the same unified profile.
CREATE TABLE identity_link (
    fragment_key text NOT NULL,
    entity_type  text NOT NULL,
    namespace    text NOT NULL,
    value        text NOT NULL,
    PRIMARY KEY (fragment_key, namespace, value)
);
CREATE INDEX identity_link_identity_idx ON identity_link (entity_type, namespace, value);

-- Resolved identities: which unified profile an identity belongs to now.
CREATE TABLE identity_profile (
    entity_type text NOT NULL,
    namespace   text NOT NULL,
    value       text NOT NULL,
    profile_id  text NOT NULL,
    PRIMARY KEY (entity_type, namespace, value)
);
CREATE INDEX identity_profile_profile_idx ON identity_profile (profile_id);

-- Identities refused by a guardrail, visible through the API.
CREATE TABLE identity_rejection (
    fragment_key text        NOT NULL,
    namespace    text        NOT NULL,
    value        text        NOT NULL,
    reason       text        NOT NULL,
    rejected_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (fragment_key, namespace, value)
);

CREATE TABLE unified_profile (
    id          text PRIMARY KEY,
    entity_type text        NOT NULL,
    anchor_key  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    seq         bigserial   NOT NULL,
    attributes  jsonb       NOT NULL DEFAULT '{}'
);

CREATE TABLE unified_person (
    id            text PRIMARY KEY REFERENCES unified_profile (id) ON DELETE CASCADE,
    email         text,
    first_name    text,
    last_name     text,
    job_title     text,
    country       text,
    score         numeric,
    email_consent text,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX unified_person_email_idx ON unified_person (email);

CREATE TABLE unified_account (
    id             text PRIMARY KEY REFERENCES unified_profile (id) ON DELETE CASCADE,
    name           text,
    domain         text,
    website        text,
    industry       text,
    employees      bigint,
    annual_revenue numeric,
    currency       text,
    country        text,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);

-- Retired ids (merged away or deleted) stay resolvable.
CREATE TABLE profile_alias (
    alias_id    text PRIMARY KEY,
    profile_id  text        NOT NULL,
    entity_type text        NOT NULL,
    retired_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX profile_alias_profile_idx ON profile_alias (profile_id);

-- Relationship records, typed for set-based segment queries. Keys are canonical source keys and
-- are resolved to unified profiles through identity_profile at read time, so a merge or split
-- never rewrites them.
CREATE TABLE person_account_link (
    link_key           text NOT NULL,
    person_key         text NOT NULL,
    account_key        text NOT NULL,
    relation           text NOT NULL,
    role               text,
    is_active          boolean,
    PRIMARY KEY (link_key, relation)
);
CREATE INDEX person_account_link_person_idx ON person_account_link (person_key);
CREATE INDEX person_account_link_account_idx ON person_account_link (account_key);

CREATE TABLE opportunity (
    source_key         text PRIMARY KEY,
    account_key        text,
    source_type        text NOT NULL,
    source_instance_id text NOT NULL,
    name               text,
    stage              text,
    amount             numeric,
    currency           text,
    is_won             boolean,
    is_closed          boolean,
    close_date         date,
    updated_at         timestamptz NOT NULL
);
CREATE INDEX opportunity_account_idx ON opportunity (account_key);

CREATE TABLE opportunity_person (
    source_key      text PRIMARY KEY,
    opportunity_key text NOT NULL,
    person_key      text NOT NULL,
    role            text,
    is_primary      boolean
);
CREATE INDEX opportunity_person_person_idx ON opportunity_person (person_key);
CREATE INDEX opportunity_person_opportunity_idx ON opportunity_person (opportunity_key);

CREATE TABLE campaign (
    source_key text PRIMARY KEY,
    name       text,
    type       text,
    status     text
);

CREATE TABLE campaign_member (
    source_key      text PRIMARY KEY,
    campaign_key    text NOT NULL,
    person_key      text NOT NULL,
    member_status   text,
    membership_date timestamptz,
    has_responded   boolean
);
CREATE INDEX campaign_member_person_idx ON campaign_member (person_key);
CREATE INDEX campaign_member_campaign_idx ON campaign_member (campaign_key);

CREATE TABLE marketing_list (
    source_key text PRIMARY KEY,
    name       text
);

CREATE TABLE marketing_list_member (
    source_key text PRIMARY KEY,
    list_key   text NOT NULL,
    person_key text NOT NULL
);
CREATE INDEX marketing_list_member_person_idx ON marketing_list_member (person_key);
CREATE INDEX marketing_list_member_list_idx ON marketing_list_member (list_key);

-- Experience events keep the identity they were recorded under and resolve it at read time.
CREATE TABLE experience_event (
    event_id       text PRIMARY KEY,
    identity_ns    text        NOT NULL,
    identity_value text        NOT NULL,
    event_type     text        NOT NULL,
    ts             timestamptz NOT NULL,
    url            text,
    page_name      text,
    referrer       text,
    source_id      text,
    received_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX experience_event_identity_idx ON experience_event (identity_ns, identity_value, ts);
CREATE INDEX experience_event_type_ts_idx ON experience_event (event_type, ts);

CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    topic       text        NOT NULL,
    message_key text        NOT NULL,
    payload     text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Identities found shared by more fragments than the guardrail allows: they no longer link.
CREATE TABLE identity_hub (
    entity_type text        NOT NULL,
    namespace   text        NOT NULL,
    value       text        NOT NULL,
    fragments   integer     NOT NULL,
    detected_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (entity_type, namespace, value)
);
