package dev.tributary.xdm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.xdm.json.XdmJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SourceKeyTest {

    private static JsonNode json(String text) {
        return XdmJson.mapper().readTree(text);
    }

    @Test
    void shouldFormatCanonicalString() {
        assertThat(SourceKey.of("Marketo", "mkto-1", "1001").sourceKey()).isEqualTo("1001@mkto-1.Marketo");
        assertThat(SourceKey.of("MDM", "mdm-1", "T-1")).hasToString("T-1@mdm-1.MDM");
    }

    @Test
    void shouldParseAtTheLastAtAndTheLastDot() {
        assertThat(SourceKey.parse(" 0015g00000Abc@crm-1.Salesforce "))
                .isEqualTo(SourceKey.of("Salesforce", "crm-1", "0015g00000Abc"));
        assertThat(SourceKey.parse("p2@townsend.com@mkto.eu-1.Marketo"))
                .isEqualTo(SourceKey.of("Marketo", "mkto.eu-1", "p2@townsend.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1001", "1001@mkto-1", "@mkto-1.Marketo", "1001@.Marketo", "1001@mkto-1.",
            "1001@-mkto.Marketo", "1001@mkto-1.1Marketo", "1001@mkto 1.Marketo", "1001@mkto-1.Mar-keto"})
    void shouldRejectMalformedSourceKeys(String value) {
        assertThatThrownBy(() -> SourceKey.parse(value))
                .isInstanceOf(InvalidSourceKeyException.class)
                .hasMessageContaining("'" + value.trim())
                .hasMessageContaining("is invalid");
    }

    @Test
    void shouldSayWhatIsWrong() {
        assertThatThrownBy(() -> SourceKey.parse("1001-mkto-1.Marketo")).hasMessageContaining("no '@'");
        assertThatThrownBy(() -> SourceKey.parse("1001@mkto-1.Mar-keto")).hasMessageContaining("source type 'Mar-keto'");
        assertThatThrownBy(() -> SourceKey.parse("1001@.Marketo")).hasMessageContaining("source instance id ''");
    }

    @Test
    void shouldReadStringAndObjectForms() {
        SourceKey expected = SourceKey.of("Marketo", "mkto-1", "1001");
        assertThat(SourceKey.fromJson(json("\"1001@mkto-1.Marketo\""))).isEqualTo(expected);
        assertThat(SourceKey.fromJson(json("""
                {"sourceType":"Marketo","sourceInstanceID":"mkto-1","sourceID":"1001"}"""))).isEqualTo(expected);
        assertThat(SourceKey.fromJson(json("""
                {"sourceType":"Marketo","sourceInstanceID":"mkto-1","sourceID":"1001","sourceKey":"1001@mkto-1.Marketo"}""")))
                .isEqualTo(expected);
        assertThat(SourceKey.fromJson(json("{\"sourceKey\":\"1001@mkto-1.Marketo\"}"))).isEqualTo(expected);
    }

    @Test
    void shouldRejectObjectFormWhoseSourceKeyDisagreesWithItsParts() {
        assertThatThrownBy(() -> SourceKey.fromJson(json("""
                {"sourceType":"Marketo","sourceInstanceID":"mkto-1","sourceID":"1001","sourceKey":"1002@mkto-1.Marketo"}""")))
                .isInstanceOf(InvalidSourceKeyException.class)
                .hasMessageContaining("disagrees");
    }

    @Test
    void shouldRejectIncompleteObjectForm() {
        assertThatThrownBy(() -> SourceKey.fromJson(json("{\"sourceType\":\"Marketo\",\"sourceID\":\"1001\"}")))
                .isInstanceOf(InvalidSourceKeyException.class)
                .hasMessageContaining("must all be given");
        assertThatThrownBy(() -> SourceKey.fromJson(json("42"))).isInstanceOf(InvalidSourceKeyException.class);
    }

    @Test
    void shouldWriteObjectFormAndReadBothWithJackson() {
        SourceKey key = SourceKey.of("Salesforce", "crm-1", "0015g00000Abc");
        String written = XdmJson.mapper().writeValueAsString(key);
        assertThat(json(written)).isEqualTo(json("""
                {"sourceType":"Salesforce","sourceInstanceID":"crm-1","sourceID":"0015g00000Abc",
                 "sourceKey":"0015g00000Abc@crm-1.Salesforce"}"""));
        assertThat(XdmJson.mapper().readValue(written, SourceKey.class)).isEqualTo(key);
        assertThat(XdmJson.mapper().readValue("\"0015g00000Abc@crm-1.Salesforce\"", SourceKey.class)).isEqualTo(key);
    }
}
