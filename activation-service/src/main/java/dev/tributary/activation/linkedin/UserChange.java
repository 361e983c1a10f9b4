package dev.tributary.activation.linkedin;

/** One {@code /users} element: ADD or REMOVE of a SHA-256 email hash. */
public record UserChange(boolean add, String sha256Email) {
}
