package dev.tributary.ingestion.connector.dynamics;

import dev.tributary.ingestion.connector.ConfigField;
import dev.tributary.ingestion.connector.ConnectorConfig;
import dev.tributary.ingestion.connector.ConnectorContext;
import dev.tributary.ingestion.connector.RateLimit;
import dev.tributary.ingestion.connector.SourceConnector;
import dev.tributary.ingestion.connector.SourceTask;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * Pulls accounts, contacts and opportunities from a Dynamics 365 (Dataverse) environment through the Web API,
 * incrementally by modifiedon (ADR 0029).
 */
@Component
public class DynamicsSourceConnector implements SourceConnector {

    static final List<String> STREAMS = List.of("accounts", "contacts", "opportunities");

    @Override
    public String type() {
        return "dynamics";
    }

    @Override
    public String description() {
        return "Dynamics 365 (Dataverse): accounts, contacts and opportunities, incrementally";
    }

    @Override
    public List<ConfigField> configFields() {
        return List.of(
                ConfigField.required("baseUrl", ConfigField.Type.URL, "the environment's URL, e.g. https://myorg.crm.dynamics.com"),
                ConfigField.required("tokenUrl", ConfigField.Type.URL,
                        "the tenant's token endpoint, https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token"),
                ConfigField.required("clientId", ConfigField.Type.STRING, "the app registration's application (client) id"),
                ConfigField.secret("clientSecret", "the app registration's client secret value"),
                ConfigField.optional("pageSize", ConfigField.Type.INTEGER, "5000", "rows per page (Prefer: odata.maxpagesize, at most 5000)")
                        .withPattern("[1-9]\\d{0,2}|[1-4]\\d{3}|5000"),
                ConfigField.optional("changeTracking", ConfigField.Type.BOOLEAN, "false",
                        "read through change tracking (delta links), which also reports deleted rows; each table must have it enabled"),
                ConfigField.optional("timeoutSeconds", ConfigField.Type.INTEGER, "60", "how long one call may take")
                        .withPattern("[1-9]\\d{0,3}"));
    }

    @Override
    public List<String> streams() {
        return STREAMS;
    }

    /** Dataverse service protection: 6,000 requests in 5 minutes and 52 at once, per user and environment. */
    @Override
    public RateLimit rateLimit(ConnectorConfig config) {
        return new RateLimit("dynamics:" + config.get("baseUrl"), 6000, Duration.ofMinutes(5), 52, 0);
    }

    @Override
    public SourceTask open(ConnectorConfig config, ConnectorContext context) {
        DynamicsClient client = new DynamicsClient(context, config.get("baseUrl"), config.get("tokenUrl"), config.get("clientId"),
                config.get("clientSecret"), Integer.parseInt(config.find("pageSize").orElse("5000")), changeTracking(config),
                Duration.ofSeconds(Integer.parseInt(config.find("timeoutSeconds").orElse("60"))));
        return new DynamicsTask(client, new DynamicsRecordMapper(config.instanceId()), changeTracking(config), context.clock());
    }

    private static boolean changeTracking(ConnectorConfig config) {
        return Boolean.parseBoolean(config.find("changeTracking").orElse("false"));
    }
}
