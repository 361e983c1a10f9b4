package dev.tributary.console.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The console role of a logged-in user, read from its {@code ROLE_} authority. */
public final class Roles {

    private Roles() {
    }

    public static Role of(Authentication authentication) {
        if (authentication == null) {
            return null;
        }
        Role best = null;
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith("ROLE_")) {
                try {
                    Role role = Role.valueOf(name.substring("ROLE_".length()));
                    best = best == null || role.allows(best) ? role : best;
                } catch (IllegalArgumentException ignored) {
                    // an authority of someone else's making
                }
            }
        }
        return best;
    }
}
