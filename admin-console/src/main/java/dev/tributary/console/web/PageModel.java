package dev.tributary.console.web;

import dev.tributary.console.security.Role;
import dev.tributary.console.security.Roles;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's navigation bar needs: who is logged in, what they may change, where they are. */
@ControllerAdvice
class PageModel {

    @ModelAttribute("user")
    String user(Authentication authentication) {
        return authentication == null ? null : authentication.getName();
    }

    @ModelAttribute("role")
    Role role(Authentication authentication) {
        return Roles.of(authentication);
    }

    @ModelAttribute("canMarket")
    boolean canMarket(Authentication authentication) {
        Role role = Roles.of(authentication);
        return role != null && role.allows(Role.MARKETER);
    }

    @ModelAttribute("canAdmin")
    boolean canAdmin(Authentication authentication) {
        Role role = Roles.of(authentication);
        return role != null && role.allows(Role.ADMIN);
    }

    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
