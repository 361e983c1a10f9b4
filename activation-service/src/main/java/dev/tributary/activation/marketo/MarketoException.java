package dev.tributary.activation.marketo;

/**
 * A call Marketo did not execute. {@code code} is Marketo's error code ({@code 606}) or an HTTP status or
 * {@code io}; {@code credentials} says the instance refused the API user, which no retry repairs.
 */
public class MarketoException extends RuntimeException {

    private final String code;
    private final boolean credentials;

    public MarketoException(String code, String message, boolean credentials) {
        super(message);
        this.code = code;
        this.credentials = credentials;
    }

    public String code() {
        return code;
    }

    public boolean credentials() {
        return credentials;
    }
}
