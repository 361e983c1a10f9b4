package dev.tributary.ingestion.connector.mdm;

import dev.tributary.ingestion.connector.ConnectorContext;
import dev.tributary.ingestion.connector.ConnectorException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** Reads the MDM export: a local file (a path or a {@code file:} URL), or an {@code http(s):} URL through the context. */
final class MdmClient {

    private final String location;
    private final ConnectorContext context;

    MdmClient(String location, ConnectorContext context) {
        this.location = location;
        this.context = context;
    }

    /** The export's bytes; a missing or unreadable file is permanent, an I/O hiccup or a 5xx retriable. */
    byte[] read() {
        if (location.startsWith("http://") || location.startsWith("https://")) {
            return fetch(URI.create(location));
        }
        Path path = path();
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw ConnectorException.badConfig("location", "no file at " + path.toAbsolutePath());
        } catch (AccessDeniedException e) {
            throw ConnectorException.badConfig("location", "the file " + path.toAbsolutePath() + " is not readable");
        } catch (IOException e) {
            if (Files.isDirectory(path)) {
                throw ConnectorException.badConfig("location", path.toAbsolutePath() + " is a directory, not a file");
            }
            throw ConnectorException.retriable("reading " + path.toAbsolutePath() + " failed: " + e.getMessage(), e);
        }
    }

    private Path path() {
        try {
            return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        } catch (IllegalArgumentException e) {
            throw ConnectorException.badConfig("location", "is neither a file path nor a file: or http(s): URL: " + e.getMessage());
        }
    }

    private byte[] fetch(URI uri) {
        HttpResponse<byte[]> response = context.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        int status = response.statusCode();
        if (status == 200) {
            return response.body();
        }
        if (status == 429) {
            Duration wait = response.headers().firstValue("Retry-After").map(MdmClient::seconds).orElse(Duration.ofSeconds(30));
            throw ConnectorException.rateLimited("the MDM export's server answered 429", wait);
        }
        if (status >= 500) {
            throw ConnectorException.retriable("the MDM export's server answered " + status, null);
        }
        if (status == 401 || status == 403) {
            throw ConnectorException.badConfig("location", "the MDM export's server refused access (" + status + ")");
        }
        throw ConnectorException.badConfig("location", "the MDM export's server answered " + status + " for " + uri.getPath());
    }

    private static Duration seconds(String value) {
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(30);
        }
    }
}
