package dev.tributary.xdm.validation;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.tributary.xdm.EmailAddress;
import dev.tributary.xdm.IdentityMap;
import dev.tributary.xdm.InvalidSourceKeyException;
import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.XdmClass;
import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.model.ExperienceEvent;
import dev.tributary.xdm.model.XdmRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates XDM records and experience events against the JSON Schemas in {@code /xdm/schemas},
 * then checks what a schema cannot (source keys, email syntax, parseable instants) and returns the
 * normalised form. Thread-safe; construct once, schemas load eagerly.
 *
 * <p>Unknown fields are allowed (real XDM has far more) and kept in the normalised form; the
 * known ones are type-checked.
 */
public final class XdmValidator {

    static final String SCHEMA_BASE = "https://schemas.tributary.dev/xdm/";
    private static final String SCHEMA_RESOURCES = "/xdm/schemas/";
    private static final String EVENT_SCHEMA = "experienceEvent";
    private static final String EMAIL_ADDRESS = "/workEmail/address";

    private final JsonMapper mapper;
    private final Map<XdmClass, Schema> recordSchemas = new EnumMap<>(XdmClass.class);
    private final Map<XdmClass, FieldPaths> recordPaths = new EnumMap<>(XdmClass.class);
    private final Schema eventSchema;
    private final FieldPaths eventPaths = FieldPaths.of(ExperienceEvent.class);

    public XdmValidator() {
        this(XdmJson.mapper());
    }

    public XdmValidator(JsonMapper mapper) {
        this.mapper = mapper;
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config).schemas(XdmValidator::classpathSchema));
        for (XdmClass xdmClass : XdmClass.values()) {
            recordSchemas.put(xdmClass, load(registry, xdmClass.jsonName()));
            recordPaths.put(xdmClass, FieldPaths.of(XdmRecord.typeOf(xdmClass)));
        }
        eventSchema = load(registry, EVENT_SCHEMA);
    }

    public RecordValidation validateRecord(String className, JsonNode data) {
        XdmClass xdmClass = XdmClass.fromJsonName(className).orElse(null);
        if (xdmClass == null) {
            String valid = Arrays.stream(XdmClass.values()).map(XdmClass::jsonName).collect(Collectors.joining(", "));
            return RecordValidation.invalid(null, List.of(new ValidationError("/class",
                    "unknown XDM class '" + className + "'; valid classes are " + valid)));
        }
        if (data == null || !data.isObject()) {
            return RecordValidation.invalid(xdmClass, List.of(new ValidationError("", "a " + xdmClass.jsonName()
                    + " record must be a JSON object")));
        }
        FieldPaths paths = recordPaths.get(xdmClass);
        List<ValidationError> errors = check(recordSchemas.get(xdmClass), paths, data);
        if (xdmClass == XdmClass.PERSON) {
            checkEmail(data.at(EMAIL_ADDRESS), EMAIL_ADDRESS, errors);
        }
        if (!errors.isEmpty()) {
            return RecordValidation.invalid(xdmClass, errors);
        }
        ObjectNode normalised = normalise(paths, (ObjectNode) data);
        if (normalised.at(EMAIL_ADDRESS).isString()) {
            ((ObjectNode) normalised.get("workEmail")).put("address",
                    EmailAddress.normalise(normalised.at(EMAIL_ADDRESS).stringValue()));
        }
        return RecordValidation.valid(xdmClass, SourceKey.fromJson(normalised.get(xdmClass.primaryKeyField())), normalised, mapper);
    }

    public EventValidation validateEvent(JsonNode event) {
        if (event == null || !event.isObject()) {
            return EventValidation.invalid(List.of(new ValidationError("", "an experience event must be a JSON object")));
        }
        List<ValidationError> errors = check(eventSchema, eventPaths, event);
        JsonNode personKey = event.get("personKey");
        JsonNode identityMap = event.get("identityMap");
        boolean hasPersonKey = personKey != null && !personKey.isNull();
        boolean hasIdentity = identityMap != null && identityMap.isObject()
                && identityMap.values().stream().anyMatch(ids -> ids.isArray() && !ids.isEmpty());
        if (!hasPersonKey && !hasIdentity) {
            errors.add(new ValidationError("/personKey",
                    "an event needs a personKey or at least one identity in identityMap"));
        }
        if (!errors.isEmpty()) {
            return EventValidation.invalid(errors);
        }
        ObjectNode normalised = normalise(eventPaths, (ObjectNode) event);
        try {
            return EventValidation.valid(mapper.treeToValue(normalised, ExperienceEvent.class), normalised);
        } catch (JacksonException e) {
            return EventValidation.invalid(List.of(bindingError(e)));
        }
    }

    private List<ValidationError> check(Schema schema, FieldPaths paths, JsonNode data) {
        List<ValidationError> errors = new ArrayList<>();
        for (Error error : schema.validate(data)) {
            errors.add(schemaError(error));
        }
        for (List<String> path : paths.sourceKeys()) {
            String pointer = FieldPaths.pointer(path);
            JsonNode node = data.at(pointer);
            if (isPresent(node) && !reported(errors, pointer)) {
                try {
                    SourceKey.fromJson(node);
                } catch (InvalidSourceKeyException e) {
                    errors.add(new ValidationError(pointer, e.getMessage()));
                }
            }
        }
        for (List<String> path : paths.instants()) {
            String pointer = FieldPaths.pointer(path);
            JsonNode node = data.at(pointer);
            if (node.isString() && !reported(errors, pointer) && parseInstant(node.stringValue()) == null) {
                errors.add(new ValidationError(pointer, "'" + node.stringValue()
                        + "' is not an RFC 3339 date-time (e.g. 2026-11-01T10:15:30Z)"));
            }
        }
        for (List<String> path : paths.identityMaps()) {
            String pointer = FieldPaths.pointer(path);
            if (!reported(errors, pointer)) {
                checkIdentityMap(data.at(pointer), pointer, errors);
            }
        }
        return errors;
    }

    private void checkIdentityMap(JsonNode identityMap, String pointer, List<ValidationError> errors) {
        if (!identityMap.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> namespace : identityMap.properties()) {
            String ns = namespace.getKey().trim().toLowerCase(Locale.ROOT);
            JsonNode ids = namespace.getValue();
            for (int i = 0; i < ids.size(); i++) {
                JsonNode id = ids.get(i).get("id");
                String idPointer = pointer + "/" + FieldPaths.pointer(List.of(namespace.getKey())).substring(1) + "/" + i + "/id";
                if (id == null || !id.isString()) {
                    continue;
                }
                if (IdentityMap.holdsSourceKeys(ns)) {
                    try {
                        SourceKey.parse(id.stringValue());
                    } catch (InvalidSourceKeyException e) {
                        errors.add(new ValidationError(idPointer, e.getMessage()));
                    }
                } else if ("email".equals(ns)) {
                    checkEmail(id, idPointer, errors);
                }
            }
        }
    }

    private static void checkEmail(JsonNode email, String pointer, List<ValidationError> errors) {
        if (email.isString() && !EmailAddress.isWellFormed(email.stringValue())) {
            errors.add(new ValidationError(pointer, "'" + email.stringValue()
                    + "' is not a well-formed email address (expected local@domain.tld)"));
        }
    }

    /** A deep copy with source keys in object form, instants in UTC and identity maps normalised. */
    private ObjectNode normalise(FieldPaths paths, ObjectNode data) {
        ObjectNode copy = data.deepCopy();
        for (List<String> path : paths.sourceKeys()) {
            replace(copy, path, node -> SourceKey.fromJson(node).toJson());
        }
        for (List<String> path : paths.instants()) {
            replace(copy, path, node -> copy.stringNode(parseInstant(node.stringValue()).toString()));
        }
        for (List<String> path : paths.identityMaps()) {
            replace(copy, path, node -> mapper.valueToTree(mapper.treeToValue(node, IdentityMap.class).normalised()));
        }
        return copy;
    }

    private static void replace(ObjectNode root, List<String> path, Function<JsonNode, JsonNode> change) {
        JsonNode parent = root;
        for (String segment : path.subList(0, path.size() - 1)) {
            parent = parent.get(segment);
            if (parent == null || !parent.isObject()) {
                return;
            }
        }
        String field = path.get(path.size() - 1);
        JsonNode value = parent.get(field);
        if (isPresent(value)) {
            ((ObjectNode) parent).set(field, change.apply(value));
        }
    }

    private static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean isPresent(JsonNode node) {
        return node != null && !node.isMissingNode() && !node.isNull();
    }

    private static boolean reported(List<ValidationError> errors, String pointer) {
        return errors.stream().anyMatch(e -> pointer.equals(e.path()) || pointer.startsWith(e.path() + "/"));
    }

    private static ValidationError schemaError(Error error) {
        String location = error.getInstanceLocation().toString();
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            return new ValidationError(location + "/" + error.getProperty(), "is required");
        }
        if ("format".equals(error.getKeyword()) && error.getInstanceNode() != null) {
            JsonNode schemaNode = error.getSchemaNode();
            String format = schemaNode == null ? "" : schemaNode.isString() ? schemaNode.stringValue() : schemaNode.path("format").asString("");
            return new ValidationError(location, "'" + error.getInstanceNode().asString() + "' is not "
                    + ("date".equals(format) ? "a date (YYYY-MM-DD)" : "an RFC 3339 date-time (e.g. 2026-11-01T10:15:30Z)"));
        }
        String message = error.getMessage();
        // the library prefixes messages with the instance location, which the path already carries
        if (message.startsWith(location + ": ")) {
            message = message.substring(location.length() + 2);
        }
        return new ValidationError(location, message);
    }

    private static ValidationError bindingError(JacksonException e) {
        StringBuilder pointer = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            pointer.append('/').append(reference.getPropertyName() != null
                    ? reference.getPropertyName() : String.valueOf(reference.getIndex()));
        }
        return new ValidationError(pointer.toString(), e.getOriginalMessage());
    }

    private static Schema load(SchemaRegistry registry, String name) {
        Schema schema = registry.getSchema(SchemaLocation.of(SCHEMA_BASE + name + ".schema.json"));
        schema.initializeValidators();
        return schema;
    }

    private static String classpathSchema(String iri) {
        if (!iri.startsWith(SCHEMA_BASE)) {
            return null;
        }
        String resource = SCHEMA_RESOURCES + iri.substring(SCHEMA_BASE.length());
        try (InputStream in = XdmValidator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("XDM schema " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
