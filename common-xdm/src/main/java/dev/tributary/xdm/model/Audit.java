package dev.tributary.xdm.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tributary.xdm.SourceKey;
import java.time.Instant;

/** XDM {@code extSourceSystemAudit}: the record's id in the system it came from and when that system last changed it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Audit(SourceKey externalKey, Instant lastUpdatedDate) {
}
