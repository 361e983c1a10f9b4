package dev.tributary.console.security;

import org.springframework.http.HttpMethod;

/**
 * Which role a console request needs: reading needs a login, changing audiences needs {@link Role#MARKETER},
 * whatever touches credentials needs {@link Role#ADMIN}. The console's own key may do more; its users may not.
 */
public final class ConsoleAccess {

    private ConsoleAccess() {
    }

    public static Role needed(HttpMethod method, String path) {
        if (path.startsWith("/api-keys") || path.startsWith("/destinations")) {
            // destinations are read on the activations page; these paths create, test and revoke
            return Role.ADMIN;
        }
        if (path.startsWith("/sources")) {
            return method == HttpMethod.GET && !path.endsWith("/edit") && !path.endsWith("/new") ? Role.VIEWER : Role.ADMIN;
        }
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            return path.equals("/segments/new") || path.endsWith("/edit") ? Role.MARKETER : Role.VIEWER;
        }
        // segments (create, preview, evaluate), activations (create, reconcile, stop)
        return Role.MARKETER;
    }
}
