package dev.tributary.activation.destination;

import dev.tributary.activation.linkedin.LinkedInEndpoint;
import dev.tributary.activation.marketo.MarketoEndpoint;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A destination with its secrets opened. {@code config} holds only what may be shown; {@code toString} leaves
 * the secrets out, so a destination in a log line or exception message reveals nothing.
 *
 * @param secretProblem why the stored secrets do not open (the secrets key changed), else null; {@code secrets}
 *                      is then empty and the destination cannot be used until they are entered again
 */
public record Destination(UUID id, String name, DestinationType type, Map<String, Object> config,
                          Map<String, String> secrets, String secretProblem, Instant createdAt, Instant updatedAt) {

    /** The stored secrets do not open with the configured key. */
    public static class SecretUnreadableException extends RuntimeException {
        public SecretUnreadableException(String message) {
            super(message);
        }
    }

    public MarketoEndpoint marketoEndpoint() {
        requireType(DestinationType.MARKETO_STATIC_LIST);
        return new MarketoEndpoint(URI.create(text("baseUrl")), text("munchkinId"), text("clientId"),
                secrets.get("clientSecret"));
    }

    public LinkedInEndpoint linkedInEndpoint() {
        requireType(DestinationType.LINKEDIN_MATCHED_AUDIENCE);
        return new LinkedInEndpoint(URI.create(text("baseUrl")), secrets.get("accessToken"), text("adAccount"));
    }

    public String munchkinId() {
        return text("munchkinId");
    }

    public boolean createMissingPersons() {
        return Boolean.TRUE.equals(config.get("createMissingPersons"));
    }

    /** The Marketo folder new static lists go into; null leaves the choice to Marketo. */
    public Long folderId() {
        Object folder = config.get("folderId");
        return folder instanceof Number n ? n.longValue() : null;
    }

    private String text(String field) {
        Object value = config.get(field);
        return value == null ? null : value.toString();
    }

    private void requireType(DestinationType expected) {
        if (secretProblem != null) {
            throw new SecretUnreadableException(secretProblem + "; enter the destination's secrets again with PUT");
        }
        if (type != expected) {
            throw new IllegalStateException("destination " + id + " is a " + type.wireName() + ", not a " + expected.wireName());
        }
    }

    @Override
    public String toString() {
        return "Destination[" + id + ", " + type.wireName() + ", " + config + "]";
    }
}
