package dev.tributary.console.web;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SourceFormsTest {

    private static final List<Map<String, Object>> TYPES = List.of(Map.of("type", "marketo", "pushOnly", false,
            "configFields", List.of(
                    Map.of("name", "baseUrl", "type", "URL", "required", true, "secret", false),
                    Map.of("name", "clientSecret", "type", "STRING", "required", true, "secret", true),
                    Map.of("name", "batchSize", "type", "INTEGER", "required", false, "secret", false),
                    Map.of("name", "includeDeleted", "type", "BOOLEAN", "required", false, "secret", false))));

    @Test
    void shouldPostTheDeclaredConfigFieldsTypedAndTheScheduleAsIntervalOrCron() {
        SourceForms.Declared declared = SourceForms.declared(TYPES, "marketo");

        Map<String, Object> body = SourceForms.body(Map.of("name", "Marketo 1", "instanceId", "mkto-1",
                "config.baseUrl", "https://mkto-1.mktorest.com", "config.clientSecret", "s3cret",
                "config.batchSize", "300", "config.includeDeleted", "on", "schedule", "PT1H"), declared);

        assertThat(body).containsEntry("type", "marketo").containsEntry("schedule", Map.of("interval", "PT1H"));
        assertThat(body.get("config")).isEqualTo(Map.of("baseUrl", "https://mkto-1.mktorest.com", "clientSecret", "s3cret",
                "batchSize", 300L, "includeDeleted", true));
        assertThat(SourceForms.body(Map.of("schedule", "0 0 * * * *"), declared)).containsEntry("schedule", Map.of("cron", "0 0 * * * *"));
    }

    @Test
    void shouldNeverShowATypedSecretAgainAfterARefusal() {
        SourceForms.Declared declared = SourceForms.declared(TYPES, "marketo");

        Map<String, String> kept = SourceForms.withoutSecrets(Map.of("name", "Marketo 1", "config.clientSecret", "s3cret"), declared);

        assertThat(kept).containsEntry("name", "Marketo 1").doesNotContainKey("config.clientSecret");
    }

    @Test
    void shouldOfferAPushSourceFormWhenTheTypeIsNotDeclared() {
        SourceForms.Declared declared = SourceForms.declared(List.of(), null);

        assertThat(declared.type()).isEqualTo("file");
        assertThat(declared.pushOnly()).isTrue();
        assertThat(SourceForms.body(Map.of("name", "CRM export", "instanceId", "crm-1"), declared)).doesNotContainKey("config");
    }
}
