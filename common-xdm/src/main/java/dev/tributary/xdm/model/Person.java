package dev.tributary.xdm.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tributary.xdm.IdentityMap;
import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.XdmClass;
import java.math.BigDecimal;
import java.util.Objects;

/** XDM {@code person}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Person(
        SourceKey personKey,
        SourceKey accountKey,
        WorkEmail workEmail,
        PersonDetails person,
        WorkDetails extendedWorkDetails,
        PostalAddress workAddress,
        BigDecimal personScore,
        Consents consents,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) IdentityMap identityMap,
        Audit extSourceSystemAudit,
        @JsonProperty("isDeleted") Boolean isDeleted) implements XdmRecord {

    public Person {
        Objects.requireNonNull(personKey, "personKey");
        identityMap = identityMap == null ? IdentityMap.empty() : identityMap;
    }

    @Override
    public SourceKey key() {
        return personKey;
    }

    @Override
    public XdmClass xdmClass() {
        return XdmClass.PERSON;
    }

    /** The work email address, or null. */
    public String email() {
        return workEmail == null ? null : workEmail.address();
    }

    public String firstName() {
        return person == null || person.name() == null ? null : person.name().firstName();
    }

    public String lastName() {
        return person == null || person.name() == null ? null : person.name().lastName();
    }

    public String jobTitle() {
        return extendedWorkDetails == null ? null : extendedWorkDetails.jobTitle();
    }

    public String country() {
        return workAddress == null ? null : workAddress.country();
    }

    /** The marketing email consent, "y", "n" or null. */
    public String emailConsent() {
        return consents == null || consents.marketing() == null || consents.marketing().email() == null
                ? null : consents.marketing().email().val();
    }
}
