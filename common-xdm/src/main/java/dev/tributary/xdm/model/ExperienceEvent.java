package dev.tributary.xdm.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tributary.xdm.Identity;
import dev.tributary.xdm.IdentityMap;
import dev.tributary.xdm.SourceKey;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

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

    /** This event's person identity: see {@link #personIdentity(SourceKey, IdentityMap)}. */
    public Optional<Identity> personIdentity() {
        return personIdentity(personKey, identityMap);
    }

    /**
     * The one rule for whom an event belongs to, used for its Kafka key by ingestion and for its person by
     * profile-service: its person key, else its first email identity, else its first identity of any namespace.
     *
     * @param identityMap normalised, so that namespaces are lower-case (may be null)
     */
    public static Optional<Identity> personIdentity(SourceKey personKey, IdentityMap identityMap) {
        if (personKey != null) {
            return Optional.of(new Identity(Identity.B2B_PERSON, personKey.sourceKey()));
        }
        return identityMap == null ? Optional.empty()
                : identityMap.identities().min(Comparator.comparing((Identity i) -> !i.namespace().equals(Identity.EMAIL)));
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
