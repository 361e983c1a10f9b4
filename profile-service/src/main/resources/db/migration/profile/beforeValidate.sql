-- V4 had its comment reworded after databases applied it; no statement changed. A database that recorded the old
-- wording's checksum takes the new one, so validation still refuses any other edit (ADR 0034).
DO $$
BEGIN
    IF to_regclass('${flyway:defaultSchema}.${flyway:table}') IS NOT NULL THEN
        UPDATE ${flyway:defaultSchema}.${flyway:table} SET checksum = -706634418 WHERE version = '4' AND checksum = 255717949;
    END IF;
END $$;
