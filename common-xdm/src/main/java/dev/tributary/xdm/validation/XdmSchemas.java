package dev.tributary.xdm.validation;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** The XDM JSON Schemas, loaded from {@code /xdm/schemas} on the classpath, and their errors in the validator's words. */
final class XdmSchemas {

    static final String SCHEMA_BASE = "https://schemas.tributary.dev/xdm/";
    private static final String SCHEMA_RESOURCES = "/xdm/schemas/";

    private XdmSchemas() {
    }

    /** Draft 2020-12, formats asserted, errors located by JSON pointer. */
    static SchemaRegistry registry() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config).schemas(XdmSchemas::classpathSchema));
    }

    static ValidationError schemaError(Error error) {
        String location = error.getInstanceLocation().toString();
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            return new ValidationError(location + "/" + error.getProperty(), "is required");
        }
        if ("format".equals(error.getKeyword()) && error.getInstanceNode() != null) {
            JsonNode schemaNode = error.getSchemaNode();
            String format = schemaNode == null ? "" : schemaNode.isString() ? schemaNode.stringValue() : schemaNode.path("format").asString("");
            return new ValidationError(location, "'" + ValueChecks.shortened(error.getInstanceNode().asString()) + "' is not "
                    + ("date".equals(format) ? "a date (YYYY-MM-DD)" : "an RFC 3339 date-time (e.g. 2026-11-01T10:15:30Z)"));
        }
        String message = error.getMessage();
        // the library prefixes messages with the instance location, which the path already carries
        if (message.startsWith(location + ": ")) {
            message = message.substring(location.length() + 2);
        }
        return new ValidationError(location, message);
    }

    static ValidationError bindingError(JacksonException e) {
        StringBuilder pointer = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            pointer.append('/').append(reference.getPropertyName() != null
                    ? reference.getPropertyName() : String.valueOf(reference.getIndex()));
        }
        return new ValidationError(pointer.toString(), e.getOriginalMessage());
    }

    static Schema load(SchemaRegistry registry, String name) {
        Schema schema = registry.getSchema(SchemaLocation.of(SCHEMA_BASE + name + ".schema.json"));
        schema.initializeValidators();
        return schema;
    }

    static String classpathSchema(String iri) {
        if (!iri.startsWith(SCHEMA_BASE)) {
            return null;
        }
        String resource = SCHEMA_RESOURCES + iri.substring(SCHEMA_BASE.length());
        try (InputStream in = XdmSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("XDM schema " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
