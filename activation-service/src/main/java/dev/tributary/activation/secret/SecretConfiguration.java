package dev.tributary.activation.secret;

import dev.tributary.activation.ActivationProperties;
import dev.tributary.support.secret.SecretBox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service refuses to start without a valid secrets key. */
@Configuration(proxyBeanMethods = false)
class SecretConfiguration {

    @Bean
    SecretBox secretBox(ActivationProperties properties) {
        return SecretBox.fromBase64(properties.secretsKey(), "cdp.activation.secrets-key");
    }
}
