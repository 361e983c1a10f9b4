package dev.tributary.ingestion.source;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param secretsKey base64 of the 32-byte AES key sealing connector sources' secrets ({@code CDP_SECRETS_KEY});
 *                   required, checked by {@link dev.tributary.support.secret.SecretBox}
 */
@ConfigurationProperties("cdp.ingestion")
public record SourceSecretsProperties(String secretsKey) {
}
