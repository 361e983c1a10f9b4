package dev.tributary.segmentation.evaluation;

import dev.tributary.segmentation.language.Audience;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Widens changed profile ids to the entities of an audience whose answer may depend on them. Rules
 * reach from a person to its accounts and from there to the accounts' people, opportunities and
 * events (and from an account to its people and their other accounts), so a change is followed
 * across one person-account hop each way, plus the contacts of a changed account's opportunities.
 * Changed ids themselves are always kept: a merged or deleted id must be able to exit.
 */
@Component
class AffectedEntities {

    private final JdbcClient jdbc;

    AffectedEntities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Set<String> expand(Audience audience, Collection<String> personIds, Collection<String> accountIds) {
        String sql = audience == Audience.PERSON ? """
                WITH accounts AS (
                    SELECT unnest(CAST(:accounts AS text[])) AS account_id
                    UNION SELECT pa.account_id FROM profile_read.person_account pa WHERE pa.person_id = ANY(:persons))
                SELECT unnest(CAST(:persons AS text[]))
                UNION SELECT pa.person_id FROM profile_read.person_account pa JOIN accounts a ON a.account_id = pa.account_id
                UNION SELECT op.person_id FROM profile_read.opportunity o
                      JOIN accounts a ON a.account_id = o.account_id
                      JOIN profile_read.opportunity_person op ON op.opportunity_id = o.opportunity_id
                """ : """
                WITH persons AS (
                    SELECT unnest(CAST(:persons AS text[])) AS person_id
                    UNION SELECT pa.person_id FROM profile_read.person_account pa WHERE pa.account_id = ANY(:accounts))
                SELECT unnest(CAST(:accounts AS text[]))
                UNION SELECT pa.account_id FROM profile_read.person_account pa JOIN persons p ON p.person_id = pa.person_id
                UNION SELECT o.account_id FROM profile_read.opportunity_person op
                      JOIN persons p ON p.person_id = op.person_id
                      JOIN profile_read.opportunity o ON o.opportunity_id = op.opportunity_id
                      WHERE o.account_id IS NOT NULL
                """;
        return new LinkedHashSet<>(jdbc.sql(sql)
                .param("persons", personIds.toArray(String[]::new))
                .param("accounts", accountIds.toArray(String[]::new))
                .query(String.class).list());
    }
}
