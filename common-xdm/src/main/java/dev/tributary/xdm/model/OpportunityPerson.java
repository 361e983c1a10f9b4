package dev.tributary.xdm.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.XdmClass;
import java.util.Objects;

/** XDM {@code opportunityPerson}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OpportunityPerson(
        SourceKey opportunityPersonKey,
        SourceKey opportunityKey,
        SourceKey personKey,
        String personRole,
        @JsonProperty("isPrimary") Boolean isPrimary,
        Audit extSourceSystemAudit,
        @JsonProperty("isDeleted") Boolean isDeleted) implements XdmRecord {

    public OpportunityPerson {
        Objects.requireNonNull(opportunityPersonKey, "opportunityPersonKey");
    }

    @Override
    public SourceKey key() {
        return opportunityPersonKey;
    }

    @Override
    public XdmClass xdmClass() {
        return XdmClass.OPPORTUNITY_PERSON;
    }
}
