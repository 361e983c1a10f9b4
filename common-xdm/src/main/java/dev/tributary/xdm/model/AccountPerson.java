package dev.tributary.xdm.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.XdmClass;
import java.util.Objects;

/** XDM {@code accountPerson}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccountPerson(
        SourceKey accountPersonKey,
        SourceKey accountKey,
        SourceKey personKey,
        String personRole,
        @JsonProperty("isPrimary") Boolean isPrimary,
        @JsonProperty("isActive") Boolean isActive,
        Audit extSourceSystemAudit,
        @JsonProperty("isDeleted") Boolean isDeleted) implements XdmRecord {

    public AccountPerson {
        Objects.requireNonNull(accountPersonKey, "accountPersonKey");
    }

    @Override
    public SourceKey key() {
        return accountPersonKey;
    }

    @Override
    public XdmClass xdmClass() {
        return XdmClass.ACCOUNT_PERSON;
    }
}
