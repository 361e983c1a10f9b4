package dev.tributary.xdm.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.XdmClass;
import java.util.Objects;

/** XDM {@code marketingList}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MarketingList(
        SourceKey marketingListKey,
        String marketingListName,
        Audit extSourceSystemAudit,
        @JsonProperty("isDeleted") Boolean isDeleted) implements XdmRecord {

    public MarketingList {
        Objects.requireNonNull(marketingListKey, "marketingListKey");
    }

    @Override
    public SourceKey key() {
        return marketingListKey;
    }

    @Override
    public XdmClass xdmClass() {
        return XdmClass.MARKETING_LIST;
    }
}
