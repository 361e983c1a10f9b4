package dev.tributary.activation.destination;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of destination, by wire name, with the config fields each takes; {@code secrets} are write-only. */
public enum DestinationType {
    MARKETO_STATIC_LIST("marketo-static-list", List.of("baseUrl", "munchkinId", "clientId"), List.of("clientSecret"),
            List.of("createMissingPersons", "folderId")),
    LINKEDIN_MATCHED_AUDIENCE("linkedin-matched-audience", List.of("baseUrl", "adAccount"), List.of("accessToken"),
            List.of());

    private final String wireName;
    private final List<String> required;
    private final List<String> secrets;
    private final List<String> optional;

    DestinationType(String wireName, List<String> required, List<String> secrets, List<String> optional) {
        this.wireName = wireName;
        this.required = required;
        this.secrets = secrets;
        this.optional = optional;
    }

    public String wireName() {
        return wireName;
    }

    List<String> required() {
        return required;
    }

    List<String> secrets() {
        return secrets;
    }

    List<String> optional() {
        return optional;
    }

    public static Optional<DestinationType> parse(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }
}
