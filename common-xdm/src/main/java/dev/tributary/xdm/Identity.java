package dev.tributary.xdm;

import java.util.Objects;

/** One identity: a value in a namespace, written {@code namespace:value}. */
public record Identity(String namespace, String value) {

    public static final String EMAIL = "email";
    public static final String B2B_PERSON = "b2b_person";
    public static final String B2B_ACCOUNT = "b2b_account";
    public static final String B2B_OPPORTUNITY = "b2b_opportunity";

    public Identity {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(value, "value");
    }

    /** Splits at the first ':' since namespaces never contain one while values (URLs, ids) may. */
    public static Identity parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Identity '" + text + "' is invalid: expected namespace:value");
        }
        return new Identity(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return namespace + ":" + value;
    }
}
