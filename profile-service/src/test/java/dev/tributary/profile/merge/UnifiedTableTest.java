package dev.tributary.profile.merge;

import dev.tributary.xdm.json.XdmJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnifiedTableTest {

    @Test
    void shouldBuildThePersonUpsertFromItsAttributesInTheirOrder() {
        assertThat(UnifiedTable.PERSON.upsertSql()).isEqualTo("""
                INSERT INTO unified_person (id, email, first_name, last_name, job_title, country, score, email_consent, created_at, updated_at)
                SELECT u.id, u.email, u.first_name, u.last_name, u.job_title, u.country, u.score::numeric, u.email_consent, t.now, t.now
                FROM (SELECT CAST(? AS timestamptz) AS now) t,
                     unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                         AS u(id, email, first_name, last_name, job_title, country, score, email_consent)
                ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, first_name = EXCLUDED.first_name, \
                last_name = EXCLUDED.last_name, job_title = EXCLUDED.job_title, country = EXCLUDED.country, \
                score = EXCLUDED.score, email_consent = EXCLUDED.email_consent, updated_at = EXCLUDED.updated_at""");
    }

    @Test
    void shouldCastTheAccountNumbersToTheirColumnTypes() {
        assertThat(UnifiedTable.ACCOUNT.insertSql())
                .contains("u.employees::numeric::bigint, u.annual_revenue::numeric, u.currency")
                .doesNotContain("ON CONFLICT");
        assertThat(UnifiedTable.ACCOUNT.selectSql()).isEqualTo("SELECT id, name::text, domain::text, website::text, "
                + "industry::text, employees::text, annual_revenue::text, currency::text, country::text FROM unified_account "
                + "WHERE id = ANY(?)");
    }

    @Test
    void shouldReadEachAttributeFromItsXdmField() {
        var data = XdmJson.mapper().readTree("""
                {"workEmail":{"address":"pat@example.com"},"personScore":12.50,"consents":{"marketing":{"email":{"val":"y"}}}}""");

        assertThat(UnifiedTable.PERSON.attributes()).extracting(a -> a.reader().apply(data))
                .containsExactly("pat@example.com", null, null, null, null, new java.math.BigDecimal("12.50"), "y");
    }

    @Test
    void shouldTakeEqualNumbersOfAnotherScaleAsTheSameValue() {
        UnifiedTable.Attribute score = UnifiedTable.PERSON.attributes().get(5);

        assertThat(score.same("12.5", "12.50")).isTrue();
        assertThat(score.same("12.5", "12.6")).isFalse();
    }
}
