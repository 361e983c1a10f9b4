package dev.tributary.standalone;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The console's users in the standalone, passed to it as {@code cdp.console.users} settings with bcrypt hashes: an
 * {@code admin} whose password is printed at start (or {@code CDP_CONSOLE_ADMIN_PASSWORD}), and with {@code --demo}
 * the demo's {@code marketer} and {@code viewer}, whose passwords are their names.
 */
final class ConsoleUsers {

    static final String DEMO_MARKETER = "marketer";
    static final String DEMO_VIEWER = "viewer";

    private ConsoleUsers() {
    }

    static String generatePassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static List<String> settings(String adminPassword, boolean demo) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        List<String> settings = new ArrayList<>();
        add(settings, 0, "admin", bcrypt.encode(adminPassword), "ADMIN");
        if (demo) {
            add(settings, 1, DEMO_MARKETER, bcrypt.encode(DEMO_MARKETER), "MARKETER");
            add(settings, 2, DEMO_VIEWER, bcrypt.encode(DEMO_VIEWER), "VIEWER");
        }
        return settings;
    }

    private static void add(List<String> settings, int index, String name, String hash, String role) {
        settings.add("--cdp.console.users[" + index + "].name=" + name);
        settings.add("--cdp.console.users[" + index + "].password-hash=" + hash);
        settings.add("--cdp.console.users[" + index + "].role=" + role);
    }
}
