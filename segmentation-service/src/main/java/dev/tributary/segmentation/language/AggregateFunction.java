package dev.tributary.segmentation.language;

import java.util.Locale;

public enum AggregateFunction {
    COUNT, SUM, MIN, MAX, AVG;

    /** Keyword as written in the language. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean needsAttribute() {
        return this != COUNT;
    }
}
