-- The floor of the records phase's writes: each profile table's rows, as an ingest run left them, copied in the
-- order they were stored into an empty table with the same columns, constraints and indexes, one statement a table.
-- No lookups, no updates, no per-batch statements, no Java: the least any pipeline pays to store these rows here.
-- Run against a standalone on a kept bench data directory (docs/benchmarks.md, "The floor of the writes"):
--   PGPASSWORD=postgres psql -h localhost -p 55432 -U postgres -X -f bench/write-floor.sql
\set ON_ERROR_STOP on
DROP SCHEMA IF EXISTS floor CASCADE;
CREATE SCHEMA floor;
CREATE TABLE floor.fragment (LIKE profile.fragment INCLUDING ALL);
CREATE TABLE floor.identity_link (LIKE profile.identity_link INCLUDING ALL);
CREATE TABLE floor.identity_profile (LIKE profile.identity_profile INCLUDING ALL);
CREATE TABLE floor.unified_profile (LIKE profile.unified_profile INCLUDING ALL);
CREATE TABLE floor.unified_person (LIKE profile.unified_person INCLUDING ALL);
CREATE TABLE floor.unified_account (LIKE profile.unified_account INCLUDING ALL);
CREATE TABLE floor.person_account_link (LIKE profile.person_account_link INCLUDING ALL);
CREATE TABLE floor.opportunity (LIKE profile.opportunity INCLUDING ALL);
CREATE TABLE floor.opportunity_person (LIKE profile.opportunity_person INCLUDING ALL);
SELECT count(*) AS records FROM profile.fragment;
CHECKPOINT;
\timing on
INSERT INTO floor.fragment SELECT * FROM profile.fragment;
INSERT INTO floor.identity_link SELECT * FROM profile.identity_link;
INSERT INTO floor.identity_profile SELECT * FROM profile.identity_profile;
INSERT INTO floor.unified_profile SELECT * FROM profile.unified_profile;
INSERT INTO floor.unified_person SELECT * FROM profile.unified_person;
INSERT INTO floor.unified_account SELECT * FROM profile.unified_account;
INSERT INTO floor.person_account_link SELECT * FROM profile.person_account_link;
INSERT INTO floor.opportunity SELECT * FROM profile.opportunity;
INSERT INTO floor.opportunity_person SELECT * FROM profile.opportunity_person;
\timing off
DROP SCHEMA floor CASCADE;
