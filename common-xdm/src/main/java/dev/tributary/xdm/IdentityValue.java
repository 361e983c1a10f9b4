package dev.tributary.xdm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** One entry of an {@link IdentityMap} namespace, XDM form {@code {"id":"...","primary":true}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IdentityValue(String id, Boolean primary) {

    public static IdentityValue of(String id) {
        return new IdentityValue(id, null);
    }
}
