package dev.tributary.profile.fragment;

import dev.tributary.profile.ProfileKind;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A relationship table, declared once by its columns, and the statement writing a batch of its rows, built once at
 * start-up. With {@code personId} ({@code accountId}), the row's {@code person_id} ({@code account_id}) is also
 * written: what its {@code person_key} ({@code account_key}) resolves to.
 * <p>
 * Every row of a batch goes in one statement of arrays, its unified ids resolved by a sub-query a row (a probe of
 * identity_profile's key, ADR 0017): one statement text whatever the batch size, where pgjdbc's rewrite into rows
 * of values gives each batch size its own text and plans, several times slower. Resolving by a join would let
 * stale statistics of a growing identity_profile pick plans that read every identity of the type
 * for each batch, or for each row (ADR 0017).
 */
record ProjectedTable(String name, List<String> columns, String insertSql) {

    /** {@code columns}: names, each with a type when not text, separated by ", ". */
    static ProjectedTable of(String name, String columns, boolean personId, boolean accountId) {
        List<String> declared = List.of(columns.split(", "));
        List<String> names = declared.stream().map(c -> c.split(" ")[0]).toList();
        List<String> values = declared.stream().map(c -> c.contains(" ") ? "CAST(u." + c.replace(" ", " AS ") + ")" : "u." + c)
                .collect(Collectors.toCollection(ArrayList::new));
        List<String> written = new ArrayList<>(names);
        if (personId) {
            written.add("person_id");
            values.add(ProfileKind.PERSON.resolvedIdSql("u.person_key"));
        }
        if (accountId) {
            written.add("account_id");
            values.add(ProfileKind.ACCOUNT.resolvedIdSql("u.account_key"));
        }
        return new ProjectedTable(name, names, "INSERT INTO " + name + " (" + String.join(", ", written) + ")\nSELECT "
                + String.join(",\n       ", values) + "\nFROM unnest("
                + names.stream().map(n -> "?::text[]").collect(Collectors.joining(", ")) + ") AS u(" + String.join(", ", names) + ")");
    }

    int width() {
        return columns.size();
    }

    /** A key of the batch's rows by table, looked up once a record: its name is enough. */
    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
