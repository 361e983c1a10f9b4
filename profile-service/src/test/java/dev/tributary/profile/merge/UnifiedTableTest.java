package dev.tributary.profile.merge;

import dev.tributary.xdm.json.XdmJson;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnifiedTableTest {

    @Test
    void shouldBuildEachStatementFromTheAttributesInTheirOrder() {
        for (UnifiedTable table : List.of(UnifiedTable.PERSON, UnifiedTable.ACCOUNT)) {
            List<String> columns = table.attributes().stream().map(UnifiedTable.Attribute::column).toList();
            String names = String.join(", ", columns);

            assertThat(table.insertSql())
                    .contains("SELECT u.id, " + String.join(", ", table.attributes().stream()
                            .map(a -> "u." + a.column() + a.cast()).toList()) + ", t.now, t.now\n")
                    .startsWith("INSERT INTO " + table.name() + " (id, " + names + ", created_at, updated_at)\n")
                    .contains("unnest(?::text[]" + ", ?::text[]".repeat(columns.size()) + ")")
                    .endsWith("AS u(id, " + names + ")");
            assertThat(table.upsertSql()).startsWith(table.insertSql() + "\nON CONFLICT (id) DO UPDATE SET ")
                    .contains(columns.stream().map(c -> c + " = EXCLUDED." + c).toList())
                    .endsWith("updated_at = EXCLUDED.updated_at");
        }
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
                {"workEmail":{"address":"pat@example.com"},"personScore":12.5,"consents":{"marketing":{"email":{"val":"y"}}}}""");

        Map<String, Object> read = new HashMap<>();
        UnifiedTable.PERSON.attributes().forEach(a -> read.put(a.name(), a.reader().apply(data)));

        assertThat(read).containsEntry("email", "pat@example.com").containsEntry("firstName", null)
                .containsEntry("score", new BigDecimal("12.5")).containsEntry("emailConsent", "y");
    }

    @Test
    void shouldTakeEqualNumbersOfAnotherScaleAsTheSameValue() {
        UnifiedTable.Attribute score = UnifiedTable.PERSON.attributes().stream().filter(a -> a.name().equals("score")).findFirst()
                .orElseThrow();

        assertThat(score.same("12.5", "12.50")).isTrue();
        assertThat(score.same("12.5", "12.6")).isFalse();
    }
}
