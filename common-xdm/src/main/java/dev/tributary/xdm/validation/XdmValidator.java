package dev.tributary.xdm.validation;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import dev.tributary.xdm.EmailAddress;
import dev.tributary.xdm.IdentityMap;
import dev.tributary.xdm.InvalidSourceKeyException;
import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.XdmClass;
import dev.tributary.xdm.json.XdmJson;
import dev.tributary.xdm.model.ExperienceEvent;
import dev.tributary.xdm.model.XdmRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static dev.tributary.xdm.validation.ValueChecks.capped;
import static dev.tributary.xdm.validation.ValueChecks.checkBytes;
import static dev.tributary.xdm.validation.ValueChecks.checkEmail;
import static dev.tributary.xdm.validation.ValueChecks.checkKeyBytes;
import static dev.tributary.xdm.validation.ValueChecks.fitsBigint;
import static dev.tributary.xdm.validation.ValueChecks.fitsNumeric;
import static dev.tributary.xdm.validation.ValueChecks.isPresent;
import static dev.tributary.xdm.validation.ValueChecks.parseDate;
import static dev.tributary.xdm.validation.ValueChecks.parseInstant;
import static dev.tributary.xdm.validation.ValueChecks.reported;
import static dev.tributary.xdm.validation.ValueChecks.shortened;
import static dev.tributary.xdm.validation.ValueChecks.utf8Length;

/**
 * Validates XDM records and experience events against the JSON Schemas in {@code /xdm/schemas},
 * then checks what a schema cannot (source keys, email syntax, parseable instants, what PostgreSQL can
 * store: {@link XdmLimits}) and returns the normalised form. Thread-safe; construct once, schemas load eagerly.
 *
 * <p>Unknown fields are allowed (real XDM has far more) and kept in the normalised form; the
 * known ones are type-checked.
 */
public final class XdmValidator {

    private static final String EVENT_SCHEMA = "experienceEvent";
    private static final String EMAIL_ADDRESS = "/workEmail/address";
    private static final String LAST_UPDATED = "/extSourceSystemAudit/lastUpdatedDate";

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
        SchemaRegistry registry = XdmSchemas.registry();
        for (XdmClass xdmClass : XdmClass.values()) {
            recordSchemas.put(xdmClass, XdmSchemas.load(registry, xdmClass.jsonName()));
            recordPaths.put(xdmClass, FieldPaths.of(XdmRecord.typeOf(xdmClass)));
        }
        eventSchema = XdmSchemas.load(registry, EVENT_SCHEMA);
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
        ObjectNode normalised = Normaliser.normalise(mapper, paths, (ObjectNode) data);
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
        ObjectNode normalised = Normaliser.normalise(mapper, eventPaths, (ObjectNode) event);
        try {
            return EventValidation.valid(mapper.treeToValue(normalised, ExperienceEvent.class), normalised);
        } catch (JacksonException e) {
            return EventValidation.invalid(List.of(XdmSchemas.bindingError(e)));
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
            ValidationError schemaError = XdmSchemas.schemaError(error);
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

    static boolean isFinite(JsonNode number) {
        return !(number.isDouble() || number.isFloat()) || Double.isFinite(number.doubleValue());
    }
}
