package dev.tributary.segmentation.language;

import dev.tributary.segmentation.language.AttributeCatalog.Attribute;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one pass of {@link SqlCompiler} over a rule gathers as it goes: the bound parameters (numbered in the order
 * the conditions are compiled, so the batch and streaming passes number them alike), the columns and facts the rule
 * reads, its time windows and the segments it reads.
 */
final class Compilation {

    static final String NOW = "CAST(:now AS timestamptz)";
    static final String IDS = ":ids";

    /** True for {@code selectAmong}: the aggregates' inner scans are narrowed to {@code :ids}. */
    final boolean restrictToIds;
    final Map<String, Object> parameters = new LinkedHashMap<>();
    final Map<ProfileReadEntity, Set<String>> columnsRead = new LinkedHashMap<>();
    final List<Reads.FactUse> facts = new ArrayList<>();
    /** One per time-relative window the rule holds: who has a fact crossing it as time passes. */
    final List<TimeCrossing> timeCrossings = new ArrayList<>();
    final Set<String> referencedSegments = new LinkedHashSet<>();
    private final Deque<Where> wheres = new ArrayDeque<>();

    Compilation(boolean restrictToIds) {
        this.restrictToIds = restrictToIds;
    }

    /** A {@code where} being compiled: the columns of its own entity it compares, nested paths aside. */
    private record Where(ProfileReadEntity type, Set<String> columns) {
    }

    /** Records a column the rule reads, also for the {@code where} being compiled when it ranges over {@code type}. */
    void read(ProfileReadEntity type, String column) {
        columnsRead.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(column);
        Where current = wheres.peek();
        if (current != null && current.type() == type) {
            current.columns().add(column);
        }
    }

    /** The attribute {@code name} of {@code scope}, recorded as read. */
    Attribute attribute(ProfileReadEntity scope, String name) {
        Attribute attribute = AttributeCatalog.attribute(scope, name).orElseThrow();
        read(scope, attribute.column());
        return attribute;
    }

    /** Lists into {@code columns} what the {@code where} over {@code type} compiled until {@link #endWhere} reads. */
    void beginWhere(ProfileReadEntity type, Set<String> columns) {
        wheres.push(new Where(type, columns));
    }

    void endWhere() {
        wheres.pop();
    }

    String parameter(Object value) {
        String name = "p" + (parameters.size() + 1);
        parameters.put(name, value);
        return ":" + name;
    }

    /** Binds a literal as the Java type the column needs; dates against timestamps mean UTC midnight. */
    String value(Attribute attribute, Literal literal, boolean nextDay) {
        if (literal instanceof Literal.NumberValue n) {
            return parameter(n.value());
        }
        if (literal instanceof Literal.BooleanValue b) {
            return parameter(b.value());
        }
        String text = literal instanceof Literal.StringValue s ? s.value() : null;
        LocalDate day = literal instanceof Literal.DateValue d ? d.value()
                : QueryValidator.isDateString(literal) ? LocalDate.parse(text) : null;
        if (attribute.type() == AttributeType.DATE) {
            return "CAST(" + parameter(day) + " AS date)";
        }
        if (attribute.type() == AttributeType.TIMESTAMP) {
            OffsetDateTime instant = day != null
                    ? (nextDay ? day.plusDays(1) : day).atStartOfDay().atOffset(ZoneOffset.UTC)
                    : OffsetDateTime.parse(text);
            return "CAST(" + parameter(instant) + " AS timestamptz)";
        }
        return parameter(text);
    }
}
