package dev.tributary.ingestion.connector.marketo;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarketoCsvTest {

    @Test
    void shouldReadQuotedValuesWithCommasQuotesAndNewlinesAndKeepEdgeSpaces() {
        String file = "id,company,attributes,email\r\n"
                + "1,\"Townsend, Inc.\",\"{\"\"Webpage URL\"\":\"\"https://bodea.com\"\"}\",P2@Townsend.com \n"
                + "2,\"two\nlines\",,\n";

        List<Map<String, String>> rows = MarketoCsv.parse(file, List.of("id", "company"));

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("company", "Townsend, Inc.")
                .containsEntry("attributes", "{\"Webpage URL\":\"https://bodea.com\"}")
                .containsEntry("email", "P2@Townsend.com ");
        assertThat(rows.get(1)).containsEntry("company", "two\nlines").containsEntry("attributes", "").containsEntry("email", "");
    }

    @Test
    void shouldRefuseAFileCutInsideAQuotedValue() {
        assertThatThrownBy(() -> MarketoCsv.parse("id,company\n1,\"Towns", List.of("id")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quoted");
    }

    @Test
    void shouldRefuseARowShorterThanTheHeaderAndAHeaderWithoutTheColumnsAskedFor() {
        assertThatThrownBy(() -> MarketoCsv.parse("id,email\n1\n", List.of("id")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
        assertThatThrownBy(() -> MarketoCsv.parse("{\"requestId\":\"x\"", List.of("id")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lacks columns");
    }

    @Test
    void shouldReadAHeaderOnlyFileAsNoRows() {
        assertThat(MarketoCsv.parse("id,email\n", List.of("id", "email"))).isEmpty();
    }
}
