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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
 * then checks what a schema cannot (source keys, email syntax, parseable instants, what PostgreSQL can
 * store: {@link XdmLimits}) and returns the normalised form. Thread-safe; construct once, schemas load eagerly.
 *
 * <p>Unknown fields are allowed (real XDM has far more) and kept in the normalised form; the
 * known ones are type-checked.
 */
public final class XdmValidator {

    static final String SCHEMA_BASE = "https://schemas.tributary.dev/xdm/";
    private static final String SCHEMA_RESOURCES = "/xdm/schemas/";
    private static final String EVENT_SCHEMA = "experienceEvent";
    private static final String EMAIL_ADDRESS = "/workEmail/address";
    private static final String LAST_UPDATED = "/extSourceSystemAudit/lastUpdatedDate";
    private static final BigDecimal BIGINT_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    /** PostgreSQL numeric: up to 131,072 digits before the decimal point and 16,383 after. */
    private static final int NUMERIC_MAX_INTEGER_DIGITS = 131_072;
    private static final int NUMERIC_MAX_SCALE = 16_383;

    private final JsonMapper mapper;
    private final Map<XdmClass, Schema> recordSchemas = new EnumMap<>(XdmClass.class);
    private final Map<XdmClass, FieldPaths> recordPaths = new EnumMap<>(XdmClass.class);
    private final Schema eventSchema;
    private final FieldPaths eventPaths = FieldPaths.of(ExperienceEvent.class);
    private final Clock clock;
    private final Duration futureTolerance;

    public XdmValidator() {
        this(XdmJson.mapper());
    }

    public XdmValidator(JsonMapper mapper) {
        this(mapper, Clock.systemUTC(), XdmLimits.DEFAULT_FUTURE_TOLERANCE);
    }

    /**
     * @param clock           the ingestion clock a record's {@code lastUpdatedDate} is compared with
     * @param futureTolerance how far ahead of that clock a {@code lastUpdatedDate} may be (clock skew between systems)
     */
    public XdmValidator(JsonMapper mapper, Clock clock, Duration futureTolerance) {
        if (futureTolerance.isNegative()) {
            throw new IllegalArgumentException("the future tolerance must not be negative: " + futureTolerance);
        }
        this.mapper = mapper;
        this.clock = clock;
        this.futureTolerance = futureTolerance;
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
        if (xdmClass == XdmClass.PERSON && !reported(errors, EMAIL_ADDRESS)) {
            checkEmail(data.at(EMAIL_ADDRESS), EMAIL_ADDRESS, errors);
        }
        checkNotAhead(data.at(LAST_UPDATED), LAST_UPDATED, errors);
        if (!errors.isEmpty()) {
            return RecordValidation.invalid(xdmClass, capped(errors));
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
        checkBytes(event.get("_id"), "/_id", XdmLimits.MAX_KEY_BYTES, "an event _id", errors);
        checkBytes(event.get("eventType"), "/eventType", XdmLimits.MAX_EVENT_TYPE_BYTES, "an eventType", errors);
        if (!errors.isEmpty()) {
            return EventValidation.invalid(capped(errors));
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
        // first, so that a value PostgreSQL cannot hold is reported as such rather than by the checks below
        ContentScan.scan(data, errors);
        if (errors.size() >= XdmLimits.MAX_ERRORS) {
            return errors;
        }
        List<Error> schemaErrors;
        try {
            schemaErrors = schema.validate(data);
        } catch (RuntimeException e) {
            // the schema library has failed on values it should have reported; a line must never fail a request
            errors.add(new ValidationError("", "could not be checked against the XDM schema: " + shortened(String.valueOf(e.getMessage()))));
            return errors;
        }
        for (Error error : schemaErrors) {
            ValidationError schemaError = schemaError(error);
            if (!reported(errors, schemaError.path())) {
                errors.add(schemaError);
            }
        }
        for (List<String> path : paths.sourceKeys()) {
            String pointer = FieldPaths.pointer(path);
            JsonNode node = data.at(pointer);
            if (isPresent(node) && !reported(errors, pointer)) {
                try {
                    checkKeyBytes(SourceKey.fromJson(node).sourceKey(), pointer, "a source key", errors);
                } catch (InvalidSourceKeyException e) {
                    errors.add(new ValidationError(pointer, shortened(e.getMessage())));
                }
            }
        }
        for (List<String> path : paths.instants()) {
            String pointer = FieldPaths.pointer(path);
            JsonNode node = data.at(pointer);
            if (node.isString() && !reported(errors, pointer)) {
                Instant instant = parseInstant(node.stringValue());
                if (instant == null) {
                    errors.add(new ValidationError(pointer, "'" + shortened(node.stringValue())
                            + "' is not an RFC 3339 date-time (e.g. 2026-11-01T10:15:30Z)"));
                } else if (instant.isBefore(XdmLimits.MIN_INSTANT) || instant.isAfter(XdmLimits.MAX_INSTANT)) {
                    errors.add(new ValidationError(pointer, "'" + node.stringValue()
                            + "' is outside the years 0001 to 9999 (in UTC) that are accepted"));
                }
            }
        }
        for (List<String> path : paths.dates()) {
            String pointer = FieldPaths.pointer(path);
            JsonNode node = data.at(pointer);
            if (node.isString() && !reported(errors, pointer)) {
                LocalDate date = parseDate(node.stringValue());
                if (date != null && (date.getYear() < 1 || date.getYear() > 9999)) {
                    errors.add(new ValidationError(pointer, "'" + node.stringValue()
                            + "' is outside the years 0001 to 9999 that are accepted"));
                }
            }
        }
        for (List<String> path : paths.bigints()) {
            String pointer = FieldPaths.pointer(path);
            JsonNode node = data.at(pointer);
            if (node.isNumber() && !reported(errors, pointer) && !fitsBigint(node)) {
                errors.add(new ValidationError(pointer, "must be a whole number from 0 to " + Long.MAX_VALUE));
            }
        }
        for (List<String> path : paths.decimals()) {
            String pointer = FieldPaths.pointer(path);
            JsonNode node = data.at(pointer);
            if (node.isNumber() && !reported(errors, pointer) && !fitsNumeric(node)) {
                errors.add(new ValidationError(pointer, "is beyond what a decimal number may hold (131,072 digits"
                        + " before the decimal point and 16,383 after)"));
            }
        }
        for (List<String> path : paths.urls()) {
            checkBytes(data.at(FieldPaths.pointer(path)), FieldPaths.pointer(path), XdmLimits.MAX_URL_BYTES, "a URL", errors);
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
            String nsPointer = pointer + FieldPaths.pointer(List.of(namespace.getKey()));
            if (utf8Length(ns) > XdmLimits.MAX_NAMESPACE_BYTES) {
                errors.add(new ValidationError(nsPointer, "an identity namespace may be at most "
                        + XdmLimits.MAX_NAMESPACE_BYTES + " bytes of UTF-8"));
                continue;
            }
            JsonNode ids = namespace.getValue();
            // the schema reports an identity list that is not an array of objects
            for (int i = 0; ids.isArray() && i < ids.size(); i++) {
                JsonNode id = ids.get(i).get("id");
                String idPointer = nsPointer + "/" + i + "/id";
                if (id == null || !id.isString() || reported(errors, idPointer)) {
                    continue;
                }
                if (IdentityMap.holdsSourceKeys(ns)) {
                    try {
                        checkKeyBytes(SourceKey.parse(id.stringValue()).sourceKey(), idPointer, "a source key", errors);
                    } catch (InvalidSourceKeyException e) {
                        errors.add(new ValidationError(idPointer, shortened(e.getMessage())));
                    }
                } else if ("email".equals(ns)) {
                    checkEmail(id, idPointer, errors);
                } else {
                    checkKeyBytes(id.stringValue().trim(), idPointer, "an identity id", errors);
                }
            }
        }
    }

    private static void checkEmail(JsonNode email, String pointer, List<ValidationError> errors) {
        if (!email.isString()) {
            return;
        }
        if (utf8Length(EmailAddress.normalise(email.stringValue())) > XdmLimits.MAX_KEY_BYTES) {
            errors.add(new ValidationError(pointer, "an email address may be at most " + XdmLimits.MAX_KEY_BYTES
                    + " bytes of UTF-8"));
        } else if (!EmailAddress.isWellFormed(email.stringValue())) {
            errors.add(new ValidationError(pointer, "'" + email.stringValue()
                    + "' is not a well-formed email address (expected local@domain.tld)"));
        }
    }

    /** A record dated ahead of the ingestion clock would win over every later version of itself (ADR 0023). */
    private void checkNotAhead(JsonNode lastUpdated, String pointer, List<ValidationError> errors) {
        if (!lastUpdated.isString() || reported(errors, pointer)) {
            return;
        }
        Instant instant = parseInstant(lastUpdated.stringValue());
        if (instant != null && instant.isAfter(clock.instant().plus(futureTolerance))) {
            errors.add(new ValidationError(pointer, "'" + lastUpdated.stringValue() + "' is in the future (more than "
                    + futureTolerance.toSeconds() + " s ahead of the ingestion clock); a record dated ahead would never"
                    + " be replaced by its next version"));
        }
    }

    private static void checkKeyBytes(String key, String pointer, String what, List<ValidationError> errors) {
        int bytes = utf8Length(key);
        if (bytes > XdmLimits.MAX_KEY_BYTES) {
            errors.add(new ValidationError(pointer, what + " may be at most " + XdmLimits.MAX_KEY_BYTES
                    + " bytes of UTF-8; this one has " + bytes));
        }
    }

    private static void checkBytes(JsonNode node, String pointer, int max, String what, List<ValidationError> errors) {
        if (node == null || !node.isString() || reported(errors, pointer)) {
            return;
        }
        int bytes = utf8Length(node.stringValue());
        if (bytes > max) {
            errors.add(new ValidationError(pointer, what + " may be at most " + max + " bytes of UTF-8; this one has " + bytes));
        }
    }

    /** UTF-8 length without encoding; a lone surrogate counts as the 3 bytes of its replacement. */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static boolean fitsBigint(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToLong() && number.longValue() >= 0;
        }
        if (!isFinite(number)) {
            return false;
        }
        BigDecimal value = number.decimalValue();
        return value.stripTrailingZeros().scale() <= 0 && value.signum() >= 0 && value.compareTo(BIGINT_MAX) <= 0;
    }

    private static boolean fitsNumeric(JsonNode number) {
        if (!isFinite(number)) {
            return false;
        }
        BigDecimal value = number.decimalValue();
        return value.precision() - value.scale() <= NUMERIC_MAX_INTEGER_DIGITS && value.scale() <= NUMERIC_MAX_SCALE;
    }

    static boolean isFinite(JsonNode number) {
        return !(number.isDouble() || number.isFloat()) || Double.isFinite(number.doubleValue());
    }

    private static List<ValidationError> capped(List<ValidationError> errors) {
        return errors.size() <= XdmLimits.MAX_ERRORS ? errors : errors.subList(0, XdmLimits.MAX_ERRORS);
    }

    /** Messages quote the offending value; a 60 MB value is not worth quoting whole. */
    static String shortened(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + text.length() + " characters)";
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

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text);
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
            return new ValidationError(location, "'" + shortened(error.getInstanceNode().asString()) + "' is not "
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
