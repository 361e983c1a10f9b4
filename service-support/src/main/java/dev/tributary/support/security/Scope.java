package dev.tributary.support.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an API key may do. {@code admin} may do everything, keys included. */
public enum Scope {
    ADMIN, INGEST, SEGMENTS, READ;

    /** The name clients use ({@code ingest}) and the Spring Security authority it becomes. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String authority() {
        return "SCOPE_" + value();
    }

    public static Optional<Scope> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equals(value)).findFirst();
    }
}
