package dev.tributary.ingestion.source;

import dev.tributary.support.secret.SecretBox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service refuses to start without a valid secrets key (ADR 0027). */
@Configuration(proxyBeanMethods = false)
class SourceSecretsConfiguration {

    @Bean
    SecretBox sourceSecretBox(SourceSecretsProperties properties) {
        return SecretBox.fromBase64(properties.secretsKey(), "cdp.ingestion.secrets-key");
    }
}
