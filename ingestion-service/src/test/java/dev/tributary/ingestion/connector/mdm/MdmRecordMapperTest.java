package dev.tributary.ingestion.connector.mdm;

import dev.tributary.ingestion.connector.ConnectorException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MdmRecordMapperTest {

    @Test
    void shouldMapAGoldenRecordToAnAccountLinkingItsSourceKeys() {
        MdmRecordMapper.GoldenRecord golden = MdmRecordMapper.parseNdjson("""
                {"goldenId":"T-1","name":"Townsend","domain":"townsend.com","sourceKeys":["1@mkto-1.Marketo","2@mkto-2.Marketo"]}
                """).get(0);

        var line = MdmRecordMapper.toRecord(golden, "mdm-1", Instant.parse("2026-11-01T00:00:00Z"));

        assertThat(line.toString()).isEqualTo("{\"class\":\"account\",\"data\":{\"accountKey\":\"T-1@mdm-1.MDM\","
                + "\"accountName\":\"Townsend\",\"accountOrganization\":{\"domain\":\"townsend.com\"},"
                + "\"identityMap\":{\"b2b_account\":[{\"id\":\"1@mkto-1.Marketo\"},{\"id\":\"2@mkto-2.Marketo\"}]},"
                + "\"extSourceSystemAudit\":{\"lastUpdatedDate\":\"2026-11-01T00:00:00Z\"}}}");
    }

    @Test
    void shouldGroupCsvRowsOfAGoldenIdAndReadQuotedCells() {
        List<MdmRecordMapper.GoldenRecord> golden = MdmRecordMapper.parseCsv(
                "golden_id,entity,name,domain,source_key\r\n"
                        + "T-1,account,\"Townsend, Inc. \"\"TW\"\"\",townsend.com,1@mkto-1.Marketo\r\n"
                        + "T-1,account,\"Townsend, Inc. \"\"TW\"\"\",townsend.com,2@mkto-2.Marketo\r\n"
                        + "T-2,account,Other,other.com,9@crm-1.Salesforce\r\n");

        assertThat(golden).hasSize(2);
        assertThat(golden.get(0).name()).isEqualTo("Townsend, Inc. \"TW\"");
        assertThat(golden.get(0).sourceKeys()).containsExactly("1@mkto-1.Marketo", "2@mkto-2.Marketo");
        assertThat(golden.get(1).sourceKeys()).containsExactly("9@crm-1.Salesforce");
    }

    @Test
    void shouldRefuseAMalformedExportNamingTheLine() {
        assertThatThrownBy(() -> MdmRecordMapper.parseNdjson("{\"goldenId\":\"T-1\"}\n{\"name\":\"no id\"}\n"))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("line 2").hasMessageContaining("goldenId");
        assertThatThrownBy(() -> MdmRecordMapper.parseCsv("golden_id,name\nT-1,x\n"))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("source_key");
        assertThatThrownBy(() -> MdmRecordMapper.parseNdjson("{\"goldenId\":\"P-1\",\"entity\":\"person\"}"))
                .hasMessageContaining("entity 'person' is not supported");
    }

    @Test
    void shouldDeleteAGoldenIdByItsKey() {
        assertThat(MdmRecordMapper.deletion("T-9", "mdm-1", Instant.parse("2026-11-01T00:00:00Z")).toString())
                .isEqualTo("{\"class\":\"account\",\"data\":{\"accountKey\":\"T-9@mdm-1.MDM\",\"isDeleted\":true,"
                        + "\"extSourceSystemAudit\":{\"lastUpdatedDate\":\"2026-11-01T00:00:00Z\"}}}");
    }
}
