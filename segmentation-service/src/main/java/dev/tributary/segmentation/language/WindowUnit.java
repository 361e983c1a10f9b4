package dev.tributary.segmentation.language;

import java.util.Locale;
import java.util.Optional;

/** Units of {@code in last N ...}; the maximum keeps every window within about ten years. */
public enum WindowUnit {
    MINUTES(10L * 366 * 24 * 60, "1 minute"),
    HOURS(10L * 366 * 24, "1 hour"),
    DAYS(10L * 366, "1 day"),
    WEEKS(10L * 53, "7 days"),
    MONTHS(10L * 12, "1 month");

    private final long maximum;
    private final String sqlInterval;

    WindowUnit(long maximum, String sqlInterval) {
        this.maximum = maximum;
        this.sqlInterval = sqlInterval;
    }

    public long maximum() {
        return maximum;
    }

    /** Interval literal for one unit, multiplied by the amount parameter in SQL. */
    String sqlInterval() {
        return sqlInterval;
    }

    /** Plural keyword, or singular when the amount is one ("1 month", "3 months"). */
    String keyword(long amount) {
        String plural = name().toLowerCase(Locale.ROOT);
        return amount == 1 ? plural.substring(0, plural.length() - 1) : plural;
    }

    static Optional<WindowUnit> fromKeyword(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        for (WindowUnit unit : values()) {
            String plural = unit.name().toLowerCase(Locale.ROOT);
            if (lower.equals(plural) || lower.equals(plural.substring(0, plural.length() - 1))) {
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }
}
