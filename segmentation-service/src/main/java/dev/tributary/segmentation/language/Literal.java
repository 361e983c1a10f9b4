package dev.tributary.segmentation.language;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** Literal values. A quoted string may stand for a date or an instant where the attribute needs one. */
public sealed interface Literal {

    record StringValue(String value) implements Literal {
        public StringValue {
            Objects.requireNonNull(value);
        }
    }

    record NumberValue(BigDecimal value) implements Literal {
        public NumberValue {
            Objects.requireNonNull(value);
        }
    }

    record BooleanValue(boolean value) implements Literal {
    }

    /** An unquoted date such as {@code 2026-10-01}. */
    record DateValue(LocalDate value) implements Literal {
        public DateValue {
            Objects.requireNonNull(value);
        }
    }
}
