package dev.tributary.profile;

import java.math.BigDecimal;

/** How amounts and counts read back to people and JSON clients. */
public final class Numbers {

    private Numbers() {
    }

    /** 1100000, not 1.1E+6 nor 1100000.00. */
    public static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
