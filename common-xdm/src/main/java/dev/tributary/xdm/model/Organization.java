package dev.tributary.xdm.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** XDM {@code accountOrganization}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Organization(String domain, String website, String industry, Long numberOfEmployees, Money annualRevenue) {
}
