package dev.tributary.xdm.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.XdmClass;
import java.util.Objects;

/** XDM {@code campaign}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Campaign(
        SourceKey campaignKey,
        String campaignName,
        String campaignType,
        String campaignStatus,
        Audit extSourceSystemAudit,
        @JsonProperty("isDeleted") Boolean isDeleted) implements XdmRecord {

    public Campaign {
        Objects.requireNonNull(campaignKey, "campaignKey");
    }

    @Override
    public SourceKey key() {
        return campaignKey;
    }

    @Override
    public XdmClass xdmClass() {
        return XdmClass.CAMPAIGN;
    }
}
