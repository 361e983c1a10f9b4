package dev.tributary.support.security;

import java.util.List;

/** A service's access table, first match wins; declared as one bean per service. */
public record ScopeRules(List<ScopeRule> rules) {

    public static ScopeRules of(ScopeRule... rules) {
        return new ScopeRules(List.of(rules));
    }
}
