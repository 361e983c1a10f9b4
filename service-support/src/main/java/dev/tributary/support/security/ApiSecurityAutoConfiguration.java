package dev.tributary.support.security;

import jakarta.servlet.DispatcherType;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Spring Security for every service: scoped API keys on {@code /v1/**}, a default-deny access table,
 * and problem details for every refusal. Each service declares its access table as a {@link ScopeRules} bean;
 * everything they do not cover needs {@code admin} (docs/adr/0019).
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        beforeName = {"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class ApiSecurityAutoConfiguration {

    @Bean
    ApiKeys apiKeys(DataSource dataSource, SecurityProperties properties) {
        // the key table's schema is shared by the services; Flyway's lock serialises their concurrent starts
        Flyway.configure().dataSource(dataSource).schemas("access").createSchemas(true)
                .locations("classpath:db/migration/access").load().migrate();
        return new ApiKeys(new ApiKeyStore(JdbcClient.create(dataSource)), properties);
    }

    @Bean
    ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(ApiKeys keys) {
        return new ApiKeyAuthenticationProvider(keys);
    }

    @Bean
    ApiKeyController apiKeyController(ApiKeys keys) {
        return new ApiKeyController(keys);
    }

    /**
     * Tomcat refuses an encoded slash itself, with an HTML page; passed through, it reaches the firewall,
     * which refuses it with a problem like every other non-normalised path.
     */
    @Bean
    @ConditionalOnClass(name = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachTheFirewall() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            connector.setEncodedReverseSolidusHandling("passthrough");
        });
    }

    @Bean
    RequestRejectedHandler problemRequestRejectedHandler() {
        return (request, response, e) -> ProblemResponses.rejected(response,
                "The request path is not in normalised form and was refused: " + e.getMessage());
    }

    @Bean
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiKeyAuthenticationProvider provider, ObjectProvider<ScopeRules> rules)
            throws Exception {
        List<ScopeRule> declared = rules.orderedStream().flatMap(r -> r.rules().stream()).toList();
        http.csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerKeyFilter(provider), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> ProblemResponses.unauthorized(response,
                                "Send an API key as 'Authorization: Bearer <key>'"))
                        .accessDeniedHandler((request, response, ex) -> ProblemResponses.forbidden(response,
                                "The API key's scopes do not allow this call" + scopesOf(request.getUserPrincipal()))))
                .authorizeHttpRequests(authorize -> {
                    authorize.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                            .requestMatchers("/actuator/health", "/actuator/health/**", "/openapi.yaml").permitAll();
                    for (ScopeRule rule : declared) {
                        authorize.requestMatchers(rule.method(), rule.pattern()).access(decide(rule));
                    }
                    authorize.anyRequest().hasAuthority(Scope.ADMIN.authority());
                });
        return http.build();
    }

    private static AuthorizationManager<RequestAuthorizationContext> decide(ScopeRule rule) {
        return (Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) -> {
            if (!(authentication.get() instanceof ApiKeyAuthentication caller)) {
                return new AuthorizationDecision(false);
            }
            ApiKey key = caller.key();
            if (rule.scopes().stream().noneMatch(key::grants)) {
                return new AuthorizationDecision(false);
            }
            if (rule.source() == null || !key.limitedToSources()) {
                return new AuthorizationDecision(true);
            }
            // a key limited to sources must name one of them; naming none or another is refused
            Optional<UUID> source = rule.source().locate(context.getRequest(), context.getVariables()).flatMap(ApiSecurityAutoConfiguration::uuid);
            return new AuthorizationDecision(source.isPresent() && key.mayWriteThrough(source.get()));
        };
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String scopesOf(java.security.Principal principal) {
        return principal instanceof ApiKeyAuthentication caller
                ? " (it has " + caller.key().scopes().stream().map(Scope::value).sorted().toList()
                  + (caller.key().limitedToSources() ? ", limited to sources " + caller.key().sourceIds() : "") + ")"
                : "";
    }
}
