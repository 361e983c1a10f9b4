package dev.tributary.xdm.validation;

/** One problem in a record or event; {@code path} is a JSON pointer into it ("" for the whole document). */
public record ValidationError(String path, String message) {

    @Override
    public String toString() {
        return (path.isEmpty() ? "/" : path) + ": " + message;
    }
}
