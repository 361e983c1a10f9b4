package dev.tributary.ingestion.connector.marketo;

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
 * Pulls a Marketo instance: companies, leads (bulk extract by updatedAt windows), opportunities and their roles,
 * programs, static lists and their members, web visits and deleted leads (bulk activity extract). ADR 0028.
 */
@Component
public class MarketoSourceConnector implements SourceConnector {

    /** Parents before children: companies before the leads that name them, programs and lists before their members. */
    static final List<String> STREAMS = List.of("companies", "leads", "opportunities", "programs", "programMembers",
            "staticLists", "listMembers", "webVisits", "deletedLeads");

    private static final List<ConfigField> FIELDS = List.of(
            ConfigField.required("baseUrl", ConfigField.Type.URL,
                    "The instance's REST base, https://{munchkinId}.mktorest.com (Admin > Web Services)"),
            ConfigField.required("munchkinId", ConfigField.Type.STRING, "The instance's Munchkin id, e.g. 123-ABC-456")
                    .withPattern("[A-Za-z0-9-]+"),
            ConfigField.required("clientId", ConfigField.Type.STRING, "The API-only user's LaunchPoint client id"),
            ConfigField.secret("clientSecret", "The LaunchPoint service's client secret"),
            ConfigField.optional("crmInstanceId", ConfigField.Type.STRING, null,
                    "The instance id of the CRM source this Marketo instance syncs with: its CRM ids become links to it")
                    .withPattern("[A-Za-z0-9][A-Za-z0-9_.-]*"),
            ConfigField.optional("crmType", ConfigField.Type.ENUM, "salesforce", "The CRM it syncs with")
                    .withAllowedValues("salesforce", "dynamics"),
            ConfigField.optional("dailyQuota", ConfigField.Type.INTEGER, "50000",
                    "REST calls a day the subscription allows (shared by every integration)"),
            ConfigField.optional("batchSize", ConfigField.Type.INTEGER, "1000", "Bulk extract rows per page"),
            ConfigField.optional("since", ConfigField.Type.STRING, null,
                    "ISO instant a full sync starts from; empty: the oldest lead's creation")
                    .withPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"),
            ConfigField.optional("bulkPollSeconds", ConfigField.Type.INTEGER, "5", "Seconds between bulk export status polls"),
            ConfigField.optional("bulkMaxPolls", ConfigField.Type.INTEGER, "12",
                    "Status polls per read before the read returns and keeps the job in its cursor"),
            ConfigField.optional("requestTimeoutSeconds", ConfigField.Type.INTEGER, "60", "Seconds one call may take"));

    @Override
    public String type() {
        return "marketo";
    }

    @Override
    public String description() {
        return "Marketo Engage: companies, leads, opportunities and roles, programs, static lists and their members, web visits, deleted leads";
    }

    @Override
    public List<ConfigField> configFields() {
        return FIELDS;
    }

    @Override
    public List<String> streams() {
        return STREAMS;
    }

    /** Marketo's limits are per instance, shared by every integration: 100 calls / 20 s, 10 at once, the daily quota. */
    @Override
    public RateLimit rateLimit(ConnectorConfig config) {
        return new RateLimit("marketo:" + config.get("munchkinId"), 100, Duration.ofSeconds(20), 10,
                Long.parseLong(config.find("dailyQuota").orElse("50000")));
    }

    @Override
    public SourceTask open(ConnectorConfig config, ConnectorContext context) {
        return new MarketoTask(MarketoSettings.of(config), config.instanceId(), context);
    }
}
