package dev.tributary.console.security;

/** The console's roles, each allowing what the one below it allows and more. */
public enum Role {
    /** reads every page */
    VIEWER,
    /** builds segments, previews them, activates and reconciles */
    MARKETER,
    /** sources, destinations and API keys: what holds credentials */
    ADMIN;

    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }
}
