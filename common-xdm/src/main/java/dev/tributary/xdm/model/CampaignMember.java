package dev.tributary.xdm.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.XdmClass;
import java.time.Instant;
import java.util.Objects;

/** XDM {@code campaignMember}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CampaignMember(
        SourceKey campaignMemberKey,
        SourceKey campaignKey,
        SourceKey personKey,
        String memberStatus,
        Instant membershipDate,
        @JsonProperty("hasResponded") Boolean hasResponded,
        Audit extSourceSystemAudit,
        @JsonProperty("isDeleted") Boolean isDeleted) implements XdmRecord {

    public CampaignMember {
        Objects.requireNonNull(campaignMemberKey, "campaignMemberKey");
    }

    @Override
    public SourceKey key() {
        return campaignMemberKey;
    }

    @Override
    public XdmClass xdmClass() {
        return XdmClass.CAMPAIGN_MEMBER;
    }
}
