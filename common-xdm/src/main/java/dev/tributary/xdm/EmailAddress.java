package dev.tributary.xdm;

import java.util.Locale;
import java.util.regex.Pattern;

/** Work emails are identities: they link persons, so every module must normalise them the same way. */
public final class EmailAddress {

    private static final Pattern WELL_FORMED = Pattern.compile(
            "[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\\.[a-z]{2,}");

    private EmailAddress() {
    }

    /** Trimmed and lower-cased; null stays null. */
    public static String normalise(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /** Whether the value, once normalised, looks like {@code local@domain.tld}. */
    public static boolean isWellFormed(String email) {
        return email != null && WELL_FORMED.matcher(normalise(email)).matches();
    }
}
