package dev.tributary.activation.marketo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the service talks to a Marketo instance. The limits are Marketo's own, shared by every activation of one
 * instance; the client stays under them rather than provoking 606 and 615.
 *
 * @param callsPerWindow   calls per {@code window} per instance (Marketo: 100 per 20 s)
 * @param window           the rate window
 * @param maxConcurrent    calls in flight per instance (Marketo: 10)
 * @param batchSize        ids or records per call (Marketo: 300)
 * @param tokenRenewBefore Identity is asked again this long before the token expires (Marketo may answer with the same
 *                         token until it expires: it is then kept until just before its end)
 * @param backoffInitial   first wait after a 606, 615, 5xx or timeout; doubled per attempt
 * @param backoffMax       longest wait between attempts
 * @param attempts         attempts per call before the delivery run gives up and retries later
 * @param connectTimeout   TCP connect timeout
 * @param requestTimeout   whole-call timeout
 * @param defaultFolderId  the folder new static lists go into when the destination names none ({@code folderId})
 */
@ConfigurationProperties("cdp.activation.marketo")
public record MarketoProperties(@DefaultValue("100") int callsPerWindow, @DefaultValue("20s") Duration window,
                                @DefaultValue("10") int maxConcurrent, @DefaultValue("300") int batchSize,
                                @DefaultValue("60s") Duration tokenRenewBefore,
                                @DefaultValue("500ms") Duration backoffInitial, @DefaultValue("20s") Duration backoffMax,
                                @DefaultValue("8") int attempts, @DefaultValue("5s") Duration connectTimeout,
                                @DefaultValue("30s") Duration requestTimeout, @DefaultValue("1") long defaultFolderId) {

    public MarketoProperties {
        if (batchSize < 1 || batchSize > 300) {
            throw new IllegalArgumentException("cdp.activation.marketo.batch-size must be 1..300 (Marketo's limit)");
        }
    }
}
