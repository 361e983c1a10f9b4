package dev.tributary.xdm.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tributary.xdm.IdentityMap;
import dev.tributary.xdm.SourceKey;
import java.time.Instant;
import java.util.Objects;

/**
 * An XDM ExperienceEvent (web visit, email open...). It belongs to a person through
 * {@code personKey} or, failing that, through the identities of its {@code identityMap}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExperienceEvent(
        @JsonProperty("_id") String id,
        Instant timestamp,
        String eventType,
        SourceKey personKey,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) IdentityMap identityMap,
        Web web) {

    public ExperienceEvent {
        Objects.requireNonNull(id, "_id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(eventType, "eventType");
        identityMap = identityMap == null ? IdentityMap.empty() : identityMap;
    }

    public String url() {
        return web == null || web.webPageDetails() == null ? null : web.webPageDetails().url();
    }

    public String pageName() {
        return web == null || web.webPageDetails() == null ? null : web.webPageDetails().name();
    }

    public String referrer() {
        return web == null || web.webReferrer() == null ? null : web.webReferrer().url();
    }
}
