package dev.tributary.xdm.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.XdmClass;
import java.util.Objects;

/** XDM {@code marketingListMember}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MarketingListMember(
        SourceKey marketingListMemberKey,
        SourceKey marketingListKey,
        SourceKey personKey,
        Audit extSourceSystemAudit,
        @JsonProperty("isDeleted") Boolean isDeleted) implements XdmRecord {

    public MarketingListMember {
        Objects.requireNonNull(marketingListMemberKey, "marketingListMemberKey");
    }

    @Override
    public SourceKey key() {
        return marketingListMemberKey;
    }

    @Override
    public XdmClass xdmClass() {
        return XdmClass.MARKETING_LIST_MEMBER;
    }
}
