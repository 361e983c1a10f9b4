package dev.tributary.activation.linkedin;

/** One {@code /companies} element: ADD or REMOVE of a company by name and website domain (either may be null). */
public record CompanyChange(boolean add, String companyName, String companyWebsiteDomain) {
}
