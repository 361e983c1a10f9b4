-- V3 and V4 had their comments reworded after databases applied them; no statement changed. A database that
-- recorded the old wording's checksum takes the new one, so validation still refuses any other edit (ADR 0034).
DO $$
BEGIN
    IF to_regclass('${flyway:defaultSchema}.${flyway:table}') IS NOT NULL THEN
        UPDATE ${flyway:defaultSchema}.${flyway:table} SET checksum = -1946410146 WHERE version = '3' AND checksum = 10100548;
        UPDATE ${flyway:defaultSchema}.${flyway:table} SET checksum = 1791550141 WHERE version = '4' AND checksum = 1792997660;
    END IF;
END $$;
