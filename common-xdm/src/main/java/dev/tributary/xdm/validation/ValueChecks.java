package dev.tributary.xdm.validation;

import dev.tributary.xdm.EmailAddress;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The checks of single values the schemas cannot make (sizes, email syntax, what PostgreSQL can hold), with their messages. */
final class ValueChecks {

    private static final BigDecimal BIGINT_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    /** PostgreSQL numeric: up to 131,072 digits before the decimal point and 16,383 after. */
    private static final int NUMERIC_MAX_INTEGER_DIGITS = 131_072;
    private static final int NUMERIC_MAX_SCALE = 16_383;

    private ValueChecks() {
    }

    static void checkEmail(JsonNode email, String pointer, List<ValidationError> errors) {
        if (!email.isString()) {
            return;
        }
        if (utf8Length(EmailAddress.normalise(email.stringValue())) > XdmLimits.MAX_KEY_BYTES) {
            errors.add(new ValidationError(pointer, "an email address may be at most " + XdmLimits.MAX_KEY_BYTES
                    + " bytes of UTF-8"));
        } else if (!EmailAddress.isWellFormed(email.stringValue())) {
            errors.add(new ValidationError(pointer, "'" + email.stringValue()
                    + "' is not a well-formed email address (expected local@domain.tld)"));
        }
    }

    static void checkKeyBytes(String key, String pointer, String what, List<ValidationError> errors) {
        int bytes = utf8Length(key);
        if (bytes > XdmLimits.MAX_KEY_BYTES) {
            errors.add(new ValidationError(pointer, what + " may be at most " + XdmLimits.MAX_KEY_BYTES
                    + " bytes of UTF-8; this one has " + bytes));
        }
    }

    static void checkBytes(JsonNode node, String pointer, int max, String what, List<ValidationError> errors) {
        if (node == null || !node.isString() || reported(errors, pointer)) {
            return;
        }
        int bytes = utf8Length(node.stringValue());
        if (bytes > max) {
            errors.add(new ValidationError(pointer, what + " may be at most " + max + " bytes of UTF-8; this one has " + bytes));
        }
    }

    /** UTF-8 length without encoding; a lone surrogate counts as the 3 bytes of its replacement. */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    static boolean fitsBigint(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.canConvertToLong() && number.longValue() >= 0;
        }
        if (!XdmValidator.isFinite(number)) {
            return false;
        }
        BigDecimal value = number.decimalValue();
        return value.stripTrailingZeros().scale() <= 0 && value.signum() >= 0 && value.compareTo(BIGINT_MAX) <= 0;
    }

    static boolean fitsNumeric(JsonNode number) {
        if (!XdmValidator.isFinite(number)) {
            return false;
        }
        BigDecimal value = number.decimalValue();
        return value.precision() - value.scale() <= NUMERIC_MAX_INTEGER_DIGITS && value.scale() <= NUMERIC_MAX_SCALE;
    }

    static List<ValidationError> capped(List<ValidationError> errors) {
        return errors.size() <= XdmLimits.MAX_ERRORS ? errors : errors.subList(0, XdmLimits.MAX_ERRORS);
    }

    /** Messages quote the offending value; a 60 MB value is not worth quoting whole. */
    static String shortened(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + text.length() + " characters)";
    }

    static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static boolean isPresent(JsonNode node) {
        return node != null && !node.isMissingNode() && !node.isNull();
    }

    static boolean reported(List<ValidationError> errors, String pointer) {
        return errors.stream().anyMatch(e -> pointer.equals(e.path()) || pointer.startsWith(e.path() + "/"));
    }
}
