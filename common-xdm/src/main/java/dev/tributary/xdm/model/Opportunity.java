package dev.tributary.xdm.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.XdmClass;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** XDM {@code opportunity}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Opportunity(
        SourceKey opportunityKey,
        SourceKey accountKey,
        String opportunityName,
        String opportunityStage,
        @JsonProperty("isWon") Boolean isWon,
        @JsonProperty("isClosed") Boolean isClosed,
        Money opportunityAmount,
        LocalDate expectedCloseDate,
        LocalDate actualCloseDate,
        Audit extSourceSystemAudit,
        @JsonProperty("isDeleted") Boolean isDeleted) implements XdmRecord {

    public Opportunity {
        Objects.requireNonNull(opportunityKey, "opportunityKey");
    }

    @Override
    public SourceKey key() {
        return opportunityKey;
    }

    @Override
    public XdmClass xdmClass() {
        return XdmClass.OPPORTUNITY;
    }

    /** The opportunity amount, or null. */
    public BigDecimal amount() {
        return opportunityAmount == null ? null : opportunityAmount.amount();
    }

    public boolean won() {
        return Boolean.TRUE.equals(isWon);
    }
}
