package dev.tributary.segmentation.language;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code exists(path [where ...])}: a correlated {@code EXISTS} over the path's joins. */
final class ExistsCompiler {

    private final ConditionCompiler dispatcher;
    private final Compilation compilation;

    ExistsCompiler(ConditionCompiler dispatcher, Compilation compilation) {
        this.dispatcher = dispatcher;
        this.compilation = compilation;
    }

    SqlTerm.Exists compile(Condition.Exists exists, ProfileReadEntity scope) {
        PathSql.PathJoin path = PathSql.join(scope, exists.path());
        Set<String> whereColumns = new LinkedHashSet<>();
        String where = dispatcher.where(exists.where(), path.target(), whereColumns);
        compilation.facts.add(new Reads.FactUse(path.target(), where, whereColumns, null));
        // Correlated to e, which selectAmong already narrows to :ids. Repeating "driver = ANY(:ids)" here makes
        // PostgreSQL probe the index once per candidate id for every outer row (ADR 0008).
        String key = scope.keyColumns().get(0);
        String members = path.driver() + " AS " + key + " FROM " + path.from() + (where == null ? "" : " WHERE " + where);
        List<String> conditions = new ArrayList<>(List.of(path.driver() + " = e." + key));
        if (where != null) {
            conditions.add("(" + where + ")");
        }
        return new SqlTerm.Exists("EXISTS (SELECT 1 FROM " + path.from() + " WHERE " + String.join(" AND ", conditions) + ")",
                exists, path, where, members);
    }
}
