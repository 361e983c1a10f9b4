package dev.tributary.console.web;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsolePiecesTest {

    @Test
    void shouldLookUpAnEmailAsAnEmailAndASourceKeyAsAPersonOrAnAccount() {
        assertThat(ProfileSearch.personIdentities("P2@townsend.com")).first().isEqualTo("email:p2@townsend.com");
        assertThat(ProfileSearch.personIdentities("102@mkto-1.Marketo")).containsExactly("b2b_person:102@mkto-1.Marketo");
        assertThat(ProfileSearch.accountIdentities("T-1@mdm-1.MDM")).containsExactly("b2b_account:T-1@mdm-1.MDM");
        assertThat(ProfileSearch.accountIdentities("p2@townsend.com")).isEmpty();
        assertThat(ProfileSearch.personIdentities("b2b_account:T-1@mdm-1.MDM")).isEmpty();
    }

    @Test
    void shouldShowEachMergedAttributeWithTheSourceItCameFrom() {
        List<Map<String, Object>> rows = ProfileSearch.attributes(Map.of("person", Map.of("name",
                Map.of("value", "Sam", "source", "102@mkto-1.Marketo"))));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("name")).isEqualTo("person.name");
            assertThat(row.get("source")).isEqualTo("102@mkto-1.Marketo");
        });
    }

    @Test
    void shouldSayWhyASourceAccountLinked() {
        List<Map<String, Object>> rows = ProfileSearch.linkReasons(List.of(Map.of("sourceKey", "77@mkto-1.Marketo",
                "data", Map.of("accountName", "ACME", "extSourceSystemAudit", Map.of("externalKey", "001ACME@crm-1.Salesforce")))));

        assertThat(rows.get(0).get("linkedBy")).isEqualTo("external key 001ACME@crm-1.Salesforce");
    }

    @Test
    void shouldNameTheSourceKeyOfAnExternalKeyGivenAsAnObject() {
        List<Map<String, Object>> rows = ProfileSearch.linkReasons(List.of(Map.of("sourceKey", "1@mkto-1.Marketo",
                "data", Map.of("extSourceSystemAudit", Map.of("externalKey", Map.of("sourceID", "001A1",
                        "sourceKey", "001A1@crm-1.Salesforce"))))));

        assertThat(rows.get(0).get("linkedBy")).isEqualTo("external key 001A1@crm-1.Salesforce");
    }

    @Test
    void shouldPutTheCaretUnderTheColumnTheRuleErrorNames() {
        List<Map<String, Object>> positions = QueryPositions.of(Map.of("errors", List.of(
                Map.of("line", 2, "column", 5, "message", "unexpected"))), "a = 1\nand > 2");

        assertThat(positions).singleElement().satisfies(p -> {
            assertThat(p.get("text")).isEqualTo("and > 2");
            assertThat(p.get("caret")).isEqualTo("    ^");
        });
    }

    @Test
    void shouldSumTheAcceptedSeriesOfAPrometheusCounter() {
        String text = """
                # TYPE cdp_ingestion_records_total counter
                cdp_ingestion_records_total{application="ingestion-service",outcome="accepted",sourceId="a"} 10.0
                cdp_ingestion_records_total{application="ingestion-service",outcome="rejected",sourceId="a"} 4.0
                cdp_ingestion_records_total{application="ingestion-service",outcome="accepted",sourceId="b"} 5.0
                """;

        assertThat(Sampler.accepted(text, "cdp_ingestion_records_total")).isEqualTo(15.0);
    }

    @Test
    void shouldRateRecordsPerMinuteBetweenTheLastTwoSamples() {
        Sampler sampler = new Sampler(null);
        sampler.add(new Sampler.Sample(Instant.parse("2026-12-06T10:00:00Z"), 100, 0, Map.of()));
        sampler.add(new Sampler.Sample(Instant.parse("2026-12-06T10:00:30Z"), 160, 3, Map.of()));

        assertThat(sampler.perMinute(false)).isEqualTo(120.0);
        assertThat(sampler.perMinute(true)).isEqualTo(6.0);
    }

    @Test
    void shouldRebuildTheSegmentsSizeFromItsEntriesAndExits() {
        List<Double> sizes = MembershipHistory.sizes(List.of(Map.of("change", "exited"), Map.of("change", "entered"),
                Map.of("change", "entered")));

        assertThat(sizes).containsExactly(0.0, 1.0, 2.0, 1.0);
    }
}
