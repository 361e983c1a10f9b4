package dev.tributary.activation.secret;

import dev.tributary.activation.ActivationApplication;
import dev.tributary.embedded.SharedInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsKeyRequiredIT {

    @Test
    void shouldRefuseToStartWithoutASecretsKey() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--cdp.security.api-token=t",
                "--cdp.activation.secrets-key=", "--spring.kafka.listener.auto-startup=false"));
        for (Map.Entry<String, Object> p : SharedInfrastructure.springProperties().entrySet()) {
            args.add("--" + p.getKey() + "=" + p.getValue());
        }

        assertThatThrownBy(() -> ActivationApplication.builder().run(args.toArray(String[]::new)).close())
                .rootCause().hasMessageContaining("CDP_SECRETS_KEY");
    }
}
