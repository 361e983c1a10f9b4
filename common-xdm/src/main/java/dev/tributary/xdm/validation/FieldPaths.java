package dev.tributary.xdm.validation;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tributary.xdm.IdentityMap;
import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.model.XdmRecord;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the fields needing checks beyond JSON Schema sit in a record's JSON, read from the record
 * types themselves so the validator cannot drift from the model.
 */
record FieldPaths(List<List<String>> sourceKeys, List<List<String>> instants, List<List<String>> identityMaps,
                  List<List<String>> dates, List<List<String>> bigints, List<List<String>> decimals,
                  List<List<String>> urls) {

    /** JSON names of the fields holding URLs ({@code web.webPageDetails.URL}, {@code accountOrganization.website}). */
    private static final List<String> URL_FIELDS = List.of("URL", "website");

    static FieldPaths of(Class<?> type) {
        FieldPaths paths = new FieldPaths(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        paths.collect(type, List.of());
        return new FieldPaths(List.copyOf(paths.sourceKeys), List.copyOf(paths.instants), List.copyOf(paths.identityMaps),
                List.copyOf(paths.dates), List.copyOf(paths.bigints), List.copyOf(paths.decimals), List.copyOf(paths.urls));
    }

    private void collect(Class<?> type, List<String> prefix) {
        for (RecordComponent component : type.getRecordComponents()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(jsonName(component));
            Class<?> fieldType = component.getType();
            if (fieldType == SourceKey.class) {
                sourceKeys.add(List.copyOf(path));
            } else if (fieldType == Instant.class) {
                instants.add(List.copyOf(path));
            } else if (fieldType == IdentityMap.class) {
                identityMaps.add(List.copyOf(path));
            } else if (fieldType == LocalDate.class) {
                dates.add(List.copyOf(path));
            } else if (fieldType == Long.class || fieldType == long.class) {
                bigints.add(List.copyOf(path));
            } else if (fieldType == BigDecimal.class) {
                decimals.add(List.copyOf(path));
            } else if (fieldType == String.class && URL_FIELDS.contains(path.get(path.size() - 1))) {
                urls.add(List.copyOf(path));
            } else if (fieldType.isRecord() && fieldType.getPackageName().equals(XdmRecord.class.getPackageName())) {
                collect(fieldType, path);
            }
        }
    }

    private static String jsonName(RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property == null || property.value().isEmpty() ? component.getName() : property.value();
    }

    static String pointer(List<String> path) {
        StringBuilder pointer = new StringBuilder();
        path.forEach(segment -> pointer.append('/').append(segment.replace("~", "~0").replace("/", "~1")));
        return pointer.toString();
    }
}
