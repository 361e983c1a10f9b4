package dev.tributary.activation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;

/**
 * @param secretsKey        base64 of the 32-byte AES key sealing destinations' secrets ({@code CDP_SECRETS_KEY});
 *                          required, checked by {@link dev.tributary.support.secret.SecretBox}
 * @param segmentationUrl   segmentation-service, whose members API backfills an activation
 * @param segmentationToken the API key for it (needs {@code read}); by default the bootstrap token
 */
@ConfigurationProperties("cdp.activation")
public record ActivationProperties(String secretsKey, @DefaultValue("http://localhost:8083") URI segmentationUrl,
                                   String segmentationToken) {
}
