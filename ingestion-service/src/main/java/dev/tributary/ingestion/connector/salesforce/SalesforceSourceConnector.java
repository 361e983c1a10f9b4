package dev.tributary.ingestion.connector.salesforce;

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
 * Pulls accounts, contacts, leads, opportunities, their contact roles, campaigns and campaign members from a
 * Salesforce org through the REST API's queryAll, incrementally by SystemModstamp (ADR 0029).
 */
@Component
public class SalesforceSourceConnector implements SourceConnector {

    static final List<String> STREAMS = List.of("Account", "Contact", "Lead", "Opportunity", "OpportunityContactRole",
            "Campaign", "CampaignMember");

    @Override
    public String type() {
        return "salesforce";
    }

    @Override
    public String description() {
        return "Salesforce: accounts, contacts, leads, opportunities, contact roles, campaigns and members, incrementally";
    }

    @Override
    public List<ConfigField> configFields() {
        return List.of(
                ConfigField.required("baseUrl", ConfigField.Type.URL,
                        "the org's login URL, e.g. https://mycompany.my.salesforce.com (its token endpoint is /services/oauth2/token)"),
                ConfigField.required("clientId", ConfigField.Type.STRING, "the connected app's consumer key"),
                ConfigField.secret("clientSecret", "the connected app's consumer secret (client credentials flow)"),
                ConfigField.optional("apiVersion", ConfigField.Type.STRING, "63.0", "the REST API version")
                        .withPattern("\\d{2,3}\\.\\d"),
                ConfigField.optional("batchSize", ConfigField.Type.INTEGER, "2000",
                        "rows per page asked with Sforce-Query-Options (200 to 2000)").withPattern("[2-9]\\d{2}|1\\d{3}|2000"),
                ConfigField.optional("maxApiUsagePercent", ConfigField.Type.INTEGER, "90",
                        "share of the org's daily API requests (Sforce-Limit-Info) past which a run stops until later")
                        .withPattern("[1-9]\\d?|100"),
                ConfigField.optional("timeoutSeconds", ConfigField.Type.INTEGER, "60", "how long one call may take")
                        .withPattern("[1-9]\\d{0,3}"));
    }

    @Override
    public List<String> streams() {
        return STREAMS;
    }

    /** No window: Salesforce counts requests per rolling day, read from Sforce-Limit-Info by the task itself. */
    @Override
    public RateLimit rateLimit(ConnectorConfig config) {
        return new RateLimit("salesforce:" + config.get("baseUrl"), 0, Duration.ZERO, 0, 0);
    }

    @Override
    public SourceTask open(ConnectorConfig config, ConnectorContext context) {
        SalesforceClient client = new SalesforceClient(context, config.get("baseUrl"), config.get("clientId"),
                config.get("clientSecret"), config.find("apiVersion").orElse("63.0"),
                Integer.parseInt(config.find("batchSize").orElse("2000")),
                Integer.parseInt(config.find("maxApiUsagePercent").orElse("90")),
                Duration.ofSeconds(Integer.parseInt(config.find("timeoutSeconds").orElse("60"))));
        return new SalesforceTask(client, new SalesforceRecordMapper(config.instanceId()));
    }
}
