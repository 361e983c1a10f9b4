package dev.tributary.standalone;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * The admin console's own API key (ADR 0030): an {@code admin}-scoped key named {@code admin-console}, created through
 * {@code POST /v1/api-keys} with the bootstrap token at the first start and kept in {@code DIR/console.key} (owner
 * only); reused while the services accept it, created again when it was revoked or the file is gone.
 */
final class ConsoleKeyFile {

    static final String NAME = "console.key";

    private ConsoleKeyFile() {
    }

    static String readOrCreate(Path dataDirectory, String serviceUrl, String bootstrapToken) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Path file = dataDirectory.resolve(NAME);
        if (Files.exists(file)) {
            String kept = Files.readString(file, StandardCharsets.US_ASCII).trim();
            HttpResponse<String> check = http.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/v1/api-keys"))
                    .header("Authorization", "Bearer " + kept).build(), HttpResponse.BodyHandlers.ofString());
            if (!kept.isEmpty() && check.statusCode() == 200) {
                return kept;
            }
        }
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/v1/api-keys"))
                .header("Authorization", "Bearer " + bootstrapToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"admin-console\",\"scopes\":[\"admin\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IOException("Could not create the console's API key: HTTP " + created.statusCode() + " " + created.body());
        }
        JsonNode answer = JsonMapper.builder().build().readTree(created.body());
        String key = answer.get("key").asString();
        Path temporary = dataDirectory.resolve(NAME + ".new");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, key + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return key;
    }
}
