package dev.tributary.segmentation.language;

public enum ComparisonOperator {
    EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), CONTAINS("contains"), STARTS_WITH("startsWith");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    /** How the operator is written in the language. */
    public String symbol() {
        return symbol;
    }

    boolean isOrdering() {
        return this == LT || this == LE || this == GT || this == GE;
    }

    boolean isTextual() {
        return this == CONTAINS || this == STARTS_WITH;
    }

    boolean test(int comparison) {
        return switch (this) {
            case EQ -> comparison == 0;
            case NE -> comparison != 0;
            case LT -> comparison < 0;
            case LE -> comparison <= 0;
            case GT -> comparison > 0;
            case GE -> comparison >= 0;
            case CONTAINS, STARTS_WITH -> throw new IllegalStateException("not a numeric operator: " + this);
        };
    }
}
