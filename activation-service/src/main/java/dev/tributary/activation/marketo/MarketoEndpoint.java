package dev.tributary.activation.marketo;

import java.net.URI;

/** One Marketo instance and the API user's credentials. {@code toString} leaves the secret out. */
public record MarketoEndpoint(URI baseUrl, String munchkinId, String clientId, String clientSecret) {

    /** Which instance's limits a call counts against. */
    String instance() {
        return baseUrl + "#" + munchkinId;
    }

    @Override
    public String toString() {
        return "MarketoEndpoint[" + baseUrl + ", " + munchkinId + "]";
    }
}
