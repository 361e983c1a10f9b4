package dev.tributary.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key sealing activation-service's destination secrets when {@code CDP_SECRETS_KEY} is unset: generated once
 * into {@code DIR/secrets.key}, readable by its owner only, and reused at every start (losing it makes the stored
 * secrets unreadable).
 */
final class SecretsKeyFile {

    static final String NAME = "secrets.key";

    private SecretsKeyFile() {
    }

    /** @return the base64 key kept in the data directory, generated on the first call */
    static String readOrCreate(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(NAME);
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path temporary = dataDirectory.resolve(NAME + ".new");
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temporary);
            }
            Files.writeString(temporary, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            // a crash while writing leaves no half-written key behind
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(temporary);
            }
        }
        String key = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (key.isEmpty()) {
            throw new IOException(file + " is empty: restore it from a backup, or delete it to generate a new key"
                    + " (the destinations' stored secrets must then be entered again)");
        }
        return key;
    }
}
