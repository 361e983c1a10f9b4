package dev.tributary.ingestion.source;

import dev.tributary.embedded.SharedInfrastructure;
import dev.tributary.ingestion.IngestionApplication;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsKeyRequiredIT {

    @Test
    void shouldRefuseToStartWithoutASecretsKey() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--cdp.security.api-token=t",
                "--cdp.ingestion.secrets-key=", "--cdp.ingestion.connectors.scheduler-enabled=false"));
        for (Map.Entry<String, Object> p : SharedInfrastructure.springProperties().entrySet()) {
            args.add("--" + p.getKey() + "=" + p.getValue());
        }

        assertThatThrownBy(() -> IngestionApplication.builder().run(args.toArray(String[]::new)).close())
                .rootCause().hasMessageContaining("cdp.ingestion.secrets-key").hasMessageContaining("CDP_SECRETS_KEY");
    }
}
