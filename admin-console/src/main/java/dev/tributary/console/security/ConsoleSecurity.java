package dev.tributary.console.security;

import dev.tributary.console.ConsoleProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.function.Supplier;

/** Form login with the users of {@code cdp.console.users}, CSRF on, roles checked per request by {@link ConsoleAccess}. */
@Configuration
@EnableWebSecurity
class ConsoleSecurity {

    @Bean
    SecurityFilterChain consoleFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/htmx.min.js", "/console.css", "/error").permitAll()
                        .anyRequest().access(ConsoleSecurity::byRole))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(errors -> errors.accessDeniedPage("/denied"));
        return http.build();
    }

    private static AuthorizationDecision byRole(Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication user = authentication.get();
        if (user == null || !user.isAuthenticated() || Roles.of(user) == null) {
            return new AuthorizationDecision(false);
        }
        String path = context.getRequest().getRequestURI().substring(context.getRequest().getContextPath().length());
        if (path.equals("/denied")) {
            return new AuthorizationDecision(true);
        }
        Role needed = ConsoleAccess.needed(HttpMethod.valueOf(context.getRequest().getMethod()), path);
        return new AuthorizationDecision(Roles.of(user).allows(needed));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService consoleUsers(ConsoleProperties properties) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (ConsoleProperties.User user : properties.users()) {
            users.createUser(User.withUsername(user.name()).password(user.passwordHash())
                    .roles(user.role().name()).build());
        }
        return users;
    }
}
