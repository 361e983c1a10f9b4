package dev.tributary.emulators;

/** What an emulator does with a call over a documented limit (ADR 0025). */
public enum LimitMode {
    /** Refuse it with the documented answer (606, 607, 615, 1003, 429), as the real API does; not a violation. */
    ENFORCE,
    /** Serve it anyway and count it as a violation, so a client's test can assert it never breaks a limit. */
    OBSERVE
}
