package dev.tributary.emulators;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Reads a scenario data file from the classpath, e.g. {@code scenarios/townsend/crm-1.json} (emulators/README.md). */
public final class ScenarioFiles {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ScenarioFiles() {
    }

    /** The file's {@code section} object: collection name to its records, in file order. */
    @SuppressWarnings("unchecked")
    public static Map<String, List<Map<String, Object>>> read(String resource, String section) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = ScenarioFiles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no scenario file " + resource + " on the classpath");
            }
            Map<String, Object> file = JSON.readValue(in, Map.class);
            Object collections = file.get(section);
            if (!(collections instanceof Map)) {
                throw new IllegalArgumentException("scenario file " + resource + " has no '" + section + "' object");
            }
            return (Map<String, List<Map<String, Object>>>) collections;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
