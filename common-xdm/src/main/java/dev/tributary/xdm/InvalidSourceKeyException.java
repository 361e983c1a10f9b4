package dev.tributary.xdm;

/** A value that should be a B2B source key ({@code ID@instanceID.SourceType}) is not one. */
public class InvalidSourceKeyException extends IllegalArgumentException {

    public InvalidSourceKeyException(String message) {
        super(message);
    }
}
