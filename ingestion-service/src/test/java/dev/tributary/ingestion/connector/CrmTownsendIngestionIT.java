package dev.tributary.ingestion.connector;

import dev.tributary.emulators.dynamics.DynamicsHandle;
import dev.tributary.emulators.salesforce.SalesforceHandle;
import dev.tributary.ingestion.IngestionApi;
import dev.tributary.ingestion.IngestionIntegrationTest;
import dev.tributary.ingestion.connector.dynamics.DynamicsSourceConnector;
import dev.tributary.ingestion.connector.salesforce.SalesforceSourceConnector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What the CRM connectors pull from the Townsend scenario passes the service's validation and door rules whole. */
@IngestionIntegrationTest
class CrmTownsendIngestionIT {

    @LocalServerPort
    int port;

    @Autowired
    List<SourceConnector> connectors;

    private IngestionApi api;

    @BeforeEach
    void setUp() {
        api = new IngestionApi(port);
        CrmEmulators.emulators().reset();
    }

    private String source(String instanceId) {
        return api.postJson("/v1/sources", "{\"name\":\"" + instanceId + "\",\"type\":\"file\",\"instanceId\":\"" + instanceId + "\"}")
                .body().get("id").asString();
    }

    private static List<ObjectNode> pull(SourceConnector connector, ConnectorConfig config) {
        SourceTask task = connector.open(config, new CountingConnectorContext());
        List<ObjectNode> records = new ArrayList<>();
        connector.streams().forEach(stream -> records.addAll(CrmEmulators.readToEnd(task, stream, null).records()));
        return records;
    }

    private static String ndjson(List<ObjectNode> records) {
        return records.stream().map(ObjectNode::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void shouldAcceptEveryRecordPulledFromTheTownsendSalesforceAndDynamicsInstances() {
        assertThat(connectors).extracting(SourceConnector::type).contains("salesforce", "dynamics");
        SalesforceHandle salesforce = CrmEmulators.emulators().salesforce(CrmEmulators.SALESFORCE);
        DynamicsHandle dynamics = CrmEmulators.emulators().dynamics(CrmEmulators.DYNAMICS);
        salesforce.loadScenario("scenarios/townsend/crm-1.json");
        dynamics.loadScenario("scenarios/townsend/crm-2.json");

        List<ObjectNode> fromSalesforce = pull(new SalesforceSourceConnector(), new ConnectorConfig("s1", CrmEmulators.SALESFORCE,
                Map.of("baseUrl", salesforce.baseUrl(), "clientId", salesforce.clientId(), "clientSecret", salesforce.clientSecret())));
        List<ObjectNode> fromDynamics = pull(new DynamicsSourceConnector(), new ConnectorConfig("s2", CrmEmulators.DYNAMICS,
                Map.of("baseUrl", dynamics.baseUrl(), "tokenUrl", dynamics.tokenUrl(), "clientId", dynamics.clientId(),
                        "clientSecret", dynamics.clientSecret())));

        IngestionApi.Response crm1 = api.postNdjson("/v1/sources/" + source("crm-1") + "/records", ndjson(fromSalesforce));
        IngestionApi.Response crm2 = api.postNdjson("/v1/sources/" + source("crm-2") + "/records", ndjson(fromDynamics));

        assertThat(crm1.status()).isEqualTo(202);
        assertThat(crm1.body().get("accepted").asInt()).isEqualTo(7);
        assertThat(crm1.body().get("rejected").asInt()).as(crm1.body().toString()).isZero();
        assertThat(crm2.status()).isEqualTo(202);
        assertThat(crm2.body().get("accepted").asInt()).isEqualTo(5);
        assertThat(crm2.body().get("rejected").asInt()).as(crm2.body().toString()).isZero();
    }
}
