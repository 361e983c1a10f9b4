package dev.tributary.xdm.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tributary.xdm.IdentityMap;
import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.XdmClass;
import java.util.Objects;

/** XDM {@code account}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Account(
        SourceKey accountKey,
        String accountName,
        Organization accountOrganization,
        PostalAddress accountBillingAddress,
        SourceKey accountParentKey,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) IdentityMap identityMap,
        Audit extSourceSystemAudit,
        @JsonProperty("isDeleted") Boolean isDeleted) implements XdmRecord {

    public Account {
        Objects.requireNonNull(accountKey, "accountKey");
        identityMap = identityMap == null ? IdentityMap.empty() : identityMap;
    }

    @Override
    public SourceKey key() {
        return accountKey;
    }

    @Override
    public XdmClass xdmClass() {
        return XdmClass.ACCOUNT;
    }

    public String domain() {
        return accountOrganization == null ? null : accountOrganization.domain();
    }

    public String country() {
        return accountBillingAddress == null ? null : accountBillingAddress.country();
    }
}
