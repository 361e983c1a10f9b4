package dev.tributary.segmentation.language;

import dev.tributary.segmentation.language.AttributeCatalog.Attribute;
import dev.tributary.segmentation.language.AttributeCatalog.Relation;
import dev.tributary.segmentation.language.SegmentQuery.Position;
import dev.tributary.segmentation.language.SegmentQuery.Spans;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Type-checks a parsed rule against an audience: attributes and paths exist, operators suit the
 * attribute's type, literals suit the attribute. Collects every error rather than the first.
 */
final class QueryValidator {

    private final SegmentQuery query;
    private final List<QueryError> errors = new ArrayList<>();

    private QueryValidator(SegmentQuery query) {
        this.query = query;
    }

    static void validate(SegmentQuery query, Audience audience) {
        QueryValidator validator = new QueryValidator(query);
        validator.check(query.condition(), audience.entity(), false);
        if (!validator.errors.isEmpty()) {
            validator.errors.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
                    : Integer.compare(a.column(), b.column()));
            throw new SegmentQueryException(validator.errors);
        }
    }

    /** {@code inWhere}: inside an aggregate's where, which may only test the final entity's attributes. */
    private void check(Condition condition, ProfileReadEntity scope, boolean inWhere) {
        Spans spans = query.spans(condition);
        if (inWhere && (condition instanceof Condition.AggregateComparison || condition instanceof Condition.Exists
                || condition instanceof Condition.InSegment)) {
            error(spans.start(), "a where condition may only test attributes of " + scope.factType()
                    + " (no aggregates, exists or inSegment inside where)");
            return;
        }
        if (condition instanceof Condition.And and) {
            and.operands().forEach(o -> check(o, scope, inWhere));
        } else if (condition instanceof Condition.Or or) {
            or.operands().forEach(o -> check(o, scope, inWhere));
        } else if (condition instanceof Condition.Not not) {
            check(not.operand(), scope, inWhere);
        } else if (condition instanceof Condition.Comparison c) {
            attribute(scope, c.attribute(), spans.start()).ifPresent(a -> {
                if (c.operator().isTextual() && a.type() != AttributeType.STRING) {
                    error(spans.operator(), "'" + c.operator().symbol() + "' needs a text attribute, but "
                            + c.attribute() + " is " + a.type());
                } else if (c.operator().isOrdering() && !a.type().isOrdered()) {
                    error(spans.operator(), "'" + c.operator().symbol() + "' needs a number, date or timestamp attribute, but "
                            + c.attribute() + " is " + a.type());
                } else {
                    literal(a, c.value(), spans.value());
                }
            });
        } else if (condition instanceof Condition.InList in) {
            attribute(scope, in.attribute(), spans.start()).ifPresent(a -> {
                for (int i = 0; i < in.values().size(); i++) {
                    literal(a, in.values().get(i), i < spans.segments().size() ? spans.segments().get(i) : spans.value());
                }
            });
        } else if (condition instanceof Condition.NullCheck n) {
            attribute(scope, n.attribute(), spans.start());
        } else if (condition instanceof Condition.Window w) {
            attribute(scope, w.attribute(), spans.start()).ifPresent(a -> window(a, w.window(), spans));
        } else if (condition instanceof Condition.AggregateComparison ac) {
            Condition.Aggregate aggregate = ac.aggregate();
            path(scope, aggregate.path(), spans).ifPresent(target -> {
                if (aggregate.attribute() != null) {
                    Position at = spans.segments().size() > aggregate.path().size()
                            ? spans.segments().get(aggregate.path().size()) : spans.start();
                    attribute(target, aggregate.attribute(), at).ifPresent(a -> {
                        if (a.type() != AttributeType.NUMBER) {
                            error(at, aggregate.function().keyword() + " needs a NUMBER attribute, but "
                                    + a.name() + " is " + a.type());
                        }
                    });
                }
                if (aggregate.where() != null) {
                    check(aggregate.where(), target, true);
                }
            });
        } else if (condition instanceof Condition.Exists e) {
            path(scope, e.path(), spans).ifPresent(target -> {
                if (e.where() != null) {
                    check(e.where(), target, true);
                }
            });
        }
        // InSegment: the parser already insists on a non-blank quoted id.
    }

    private Optional<ProfileReadEntity> path(ProfileReadEntity from, List<String> path, Spans spans) {
        ProfileReadEntity current = from;
        for (int i = 0; i < path.size(); i++) {
            Position at = i < spans.segments().size() ? spans.segments().get(i) : spans.start();
            if (i >= AttributeCatalog.MAX_PATH_LENGTH) {
                error(at, "a path may have at most " + AttributeCatalog.MAX_PATH_LENGTH + " steps");
                return Optional.empty();
            }
            String name = path.get(i);
            Optional<Relation> relation = AttributeCatalog.relation(current, name);
            if (relation.isEmpty()) {
                String known = AttributeCatalog.relations(current).stream().map(Relation::name).collect(Collectors.joining(", "));
                String hint = AttributeCatalog.attribute(current, name).isPresent()
                        ? "'" + name + "' is an attribute of " + current.factType() + ", not a path; "
                        : "unknown path '" + name + "' from " + current.factType() + "; ";
                error(at, hint + (known.isEmpty() ? current.factType() + " has no paths" : "paths from " + current.factType() + ": " + known));
                return Optional.empty();
            }
            current = relation.get().to();
        }
        return Optional.of(current);
    }

    private Optional<Attribute> attribute(ProfileReadEntity scope, String name, Position at) {
        Optional<Attribute> attribute = AttributeCatalog.attribute(scope, name);
        if (attribute.isEmpty()) {
            String known = AttributeCatalog.attributes(scope).stream().map(Attribute::name).collect(Collectors.joining(", "));
            String hint = AttributeCatalog.relation(scope, name).isPresent()
                    ? "'" + name + "' is a path: use it in count(" + name + "), exists(" + name + ") or sum(" + name + ".attribute); "
                    : "unknown attribute '" + name + "' of " + scope.factType() + "; ";
            error(at, hint + "attributes of " + scope.factType() + ": " + known);
        }
        return attribute;
    }

    private void literal(Attribute attribute, Literal value, Position at) {
        boolean ok = switch (attribute.type()) {
            case STRING -> value instanceof Literal.StringValue;
            case NUMBER -> value instanceof Literal.NumberValue;
            case BOOLEAN -> value instanceof Literal.BooleanValue;
            case DATE -> value instanceof Literal.DateValue || isDateString(value);
            case TIMESTAMP -> value instanceof Literal.DateValue || isDateString(value) || isInstantString(value);
        };
        if (!ok) {
            error(at, attribute.name() + " is " + attribute.type() + " and cannot be compared with "
                    + QueryPrinter.literal(value) + expectation(attribute.type()));
        }
    }

    private void window(Attribute attribute, TimeWindow window, Spans spans) {
        if (!attribute.type().isTemporal()) {
            error(spans.operator(), "time windows need a TIMESTAMP or DATE attribute, but " + attribute.name()
                    + " is " + attribute.type());
            return;
        }
        if (window instanceof TimeWindow.Between between) {
            Position fromAt = spans.segments().size() > 0 ? spans.segments().get(0) : spans.value();
            Position toAt = spans.segments().size() > 1 ? spans.segments().get(1) : spans.value();
            Optional<LocalDate> from = boundDate(attribute, between.from(), fromAt);
            Optional<LocalDate> to = boundDate(attribute, between.to(), toAt);
            if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
                error(fromAt, "between needs the earlier date first: " + from.get() + " is after " + to.get());
            }
        }
    }

    /** Bounds are dates (or, for timestamps, instants); returns the day, for the order check. */
    private Optional<LocalDate> boundDate(Attribute attribute, Literal bound, Position at) {
        if (bound instanceof Literal.DateValue date) {
            return Optional.of(date.value());
        }
        if (isDateString(bound)) {
            return Optional.of(LocalDate.parse(((Literal.StringValue) bound).value()));
        }
        if (attribute.type() == AttributeType.TIMESTAMP && isInstantString(bound)) {
            return Optional.of(OffsetDateTime.parse(((Literal.StringValue) bound).value()).toLocalDate());
        }
        error(at, "between needs dates such as 2026-10-01, found " + QueryPrinter.literal(bound));
        return Optional.empty();
    }

    private static String expectation(AttributeType type) {
        return switch (type) {
            case STRING -> "; text values need double quotes";
            case NUMBER -> "; expected a number";
            case BOOLEAN -> "; expected true or false";
            case DATE -> "; expected a date such as 2026-10-01";
            case TIMESTAMP -> "; expected a date such as 2026-10-01 or \"2026-10-01T09:30:00Z\"";
        };
    }

    static boolean isDateString(Literal value) {
        if (!(value instanceof Literal.StringValue s)) {
            return false;
        }
        try {
            LocalDate.parse(s.value());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean isInstantString(Literal value) {
        if (!(value instanceof Literal.StringValue s)) {
            return false;
        }
        try {
            OffsetDateTime.parse(s.value());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private void error(Position at, String message) {
        Position where = at != null ? at : Position.UNKNOWN;
        errors.add(new QueryError(where.line(), where.column(), message));
    }
}
