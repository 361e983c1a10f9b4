package dev.tributary.segmentation.language;

/** Value types of catalog attributes; they decide which operators and literals a comparison accepts. */
public enum AttributeType {
    STRING, NUMBER, BOOLEAN, TIMESTAMP, DATE;

    boolean isTemporal() {
        return this == TIMESTAMP || this == DATE;
    }

    boolean isOrdered() {
        return this == NUMBER || isTemporal();
    }
}
