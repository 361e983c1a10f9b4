package dev.tributary.ingestion.connector.marketo;

import dev.tributary.ingestion.connector.ConnectorConfig;

import java.time.Duration;
import java.time.Instant;

/** A Marketo source's configuration, read once per task. */
record MarketoSettings(String baseUrl, String munchkinId, String clientId, String clientSecret,
                       MarketoRecordMapper.Crm crm, Instant since, int batchSize, Duration pollInterval, int maxPolls,
                       Duration requestTimeout) {

    static MarketoSettings of(ConnectorConfig config) {
        MarketoRecordMapper.Crm crm = config.find("crmInstanceId").filter(id -> !id.isBlank())
                .map(id -> new MarketoRecordMapper.Crm(id, config.find("crmType").orElse("salesforce")))
                .orElse(null);
        return new MarketoSettings(config.get("baseUrl"), config.get("munchkinId"), config.get("clientId"),
                config.get("clientSecret"), crm,
                config.find("since").filter(s -> !s.isBlank()).map(Instant::parse).orElse(null),
                Integer.parseInt(config.find("batchSize").orElse("1000")),
                Duration.ofSeconds(Long.parseLong(config.find("bulkPollSeconds").orElse("5"))),
                Integer.parseInt(config.find("bulkMaxPolls").orElse("12")),
                Duration.ofSeconds(Long.parseLong(config.find("requestTimeoutSeconds").orElse("60"))));
    }
}
