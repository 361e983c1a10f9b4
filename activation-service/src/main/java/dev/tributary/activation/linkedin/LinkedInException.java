package dev.tributary.activation.linkedin;

/** A call LinkedIn did not execute; {@code credentials} says it refused the token, which no retry repairs. */
public class LinkedInException extends RuntimeException {

    private final boolean credentials;

    public LinkedInException(String message, boolean credentials) {
        super(message);
        this.credentials = credentials;
    }

    public boolean credentials() {
        return credentials;
    }
}
