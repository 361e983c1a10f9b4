package dev.tributary.activation.linkedin;

import java.net.URI;

/** One ad account reached with one access token. {@code toString} leaves the token out. */
public record LinkedInEndpoint(URI baseUrl, String accessToken, String adAccount) {

    /** The account as LinkedIn names it: {@code urn:li:sponsoredAccount:<id>}, from the id or the urn. */
    public String accountUrn() {
        return adAccount.startsWith("urn:") ? adAccount : "urn:li:sponsoredAccount:" + adAccount;
    }

    @Override
    public String toString() {
        return "LinkedInEndpoint[" + baseUrl + ", " + accountUrn() + "]";
    }
}
