package dev.tributary.segmentation.language;

import dev.tributary.segmentation.language.AttributeCatalog.Link;
import dev.tributary.segmentation.language.AttributeCatalog.Relation;
import java.util.ArrayList;
import java.util.List;

/** The SQL of a relation path from a driver entity: its joins, its link chains, and how it may repeat an entity. */
final class PathSql {

    private PathSql() {
    }

    /** The joins from a driver entity along a path, ending on the final entity aliased {@code f}. */
    record PathJoin(String from, String driver, ProfileReadEntity target, List<String> vias, boolean mayRepeat) {
    }

    static PathJoin join(ProfileReadEntity start, List<String> path) {
        StringBuilder from = new StringBuilder();
        String driver = null;
        String current = null;
        List<String> vias = new ArrayList<>();
        ProfileReadEntity type = start;
        int links = 0;
        Relation relation = null;
        for (int i = 0; i < path.size(); i++) {
            relation = AttributeCatalog.relation(type, path.get(i)).orElseThrow();
            for (int j = 0; j < relation.links().size(); j++) {
                Link link = relation.links().get(j);
                links++;
                boolean last = i == path.size() - 1 && j == relation.links().size() - 1;
                String alias = last && relation.endsOnTargetView() ? "f" : "l" + links;
                if (current == null) {
                    from.append(link.view()).append(' ').append(alias);
                    driver = alias + "." + link.fromColumn();
                } else {
                    from.append(" JOIN ").append(link.view()).append(' ').append(alias)
                            .append(" ON ").append(alias).append('.').append(link.fromColumn()).append(" = ").append(current);
                }
                current = alias + "." + link.toColumn();
                if (link.viaSql() != null) {
                    vias.add(String.format(link.viaSql(), alias));
                }
            }
            type = relation.to();
        }
        if (!relation.endsOnTargetView()) {
            from.append(" JOIN ").append(type.view()).append(" f ON f.").append(type.keyColumns().get(0))
                    .append(" = ").append(current);
        }
        // One link straight onto the entity's own view (person events, account opportunities) cannot repeat it.
        boolean mayRepeat = links > 1 || !relation.endsOnTargetView();
        return new PathJoin(from.toString(), driver, type, vias, mayRepeat);
    }

    /**
     * A path whose last step lands on the entity's own view through a column naming exactly one
     * intermediate entity (an opportunity's {@code account_id}, an event's {@code person_id}): the
     * entities reached are partitioned by intermediate, so a driver's distinct entities are the union of its
     * distinct intermediates' entities, without overlap.
     *
     * @param pairs      SQL of the (driver_id, mid_id) link rows up to the intermediate
     * @param midColumn  the entity's column naming its intermediate
     */
    record Partition(String pairs, String midColumn, ProfileReadEntity target) {
    }

    /** The path's {@link Partition}; null when it has none. When streaming, the pairs of the candidate ids only. */
    static Partition partition(ProfileReadEntity start, List<String> path, boolean restrictToIds) {
        Links links = links(start, path);
        if (!links.last().endsOnTargetView() || links.all().size() < 2) {
            return null;
        }
        List<Link> chain = links.all().subList(0, links.all().size() - 1);
        String driver = "l1." + chain.get(0).fromColumn();
        String mid = "l" + chain.size() + "." + chain.get(chain.size() - 1).toColumn();
        return new Partition("SELECT DISTINCT " + driver + " AS driver_id, " + mid + " AS mid_id FROM " + joined(chain)
                + (restrictToIds ? " WHERE " + driver + " = ANY(" + Compilation.IDS + ")" : ""),
                links.all().get(links.all().size() - 1).fromColumn(), links.target());
    }

    /**
     * SQL that is true when the path leads from the driver {@code driverKey} to the entity row {@code f}.
     * When streaming, the first link is also narrowed to the candidate ids: implied by its join to the
     * driver, but PostgreSQL does not carry {@code = ANY(:ids)} across that join by itself and would
     * otherwise de-duplicate the whole link table for every re-evaluation of a few ids.
     */
    static String connects(ProfileReadEntity start, List<String> path, String driverKey, boolean restrictToIds) {
        Links links = links(start, path);
        // A last link onto the entity's own view is f itself: the chain ends on its from-column.
        Link last = links.all().get(links.all().size() - 1);
        boolean lastIsTarget = links.last().endsOnTargetView();
        List<Link> chain = lastIsTarget ? links.all().subList(0, links.all().size() - 1) : links.all();
        String ids = " = ANY(" + Compilation.IDS + ")";
        if (chain.isEmpty()) {
            return "f." + last.fromColumn() + " = " + driverKey + (restrictToIds ? " AND f." + last.fromColumn() + ids : "");
        }
        String end = "l" + chain.size() + "." + chain.get(chain.size() - 1).toColumn();
        String toEntity = lastIsTarget ? "f." + last.fromColumn() + " = " + end : end + " = f." + links.target().keyColumns().get(0);
        return "EXISTS (SELECT 1 FROM " + joined(chain) + " WHERE l1." + chain.get(0).fromColumn() + " = " + driverKey
                + (restrictToIds ? " AND l1." + chain.get(0).fromColumn() + ids : "") + " AND " + toEntity + ")";
    }

    /** Every link of a path, its last relation and the entity it ends on. */
    private record Links(List<Link> all, Relation last, ProfileReadEntity target) {
    }

    private static Links links(ProfileReadEntity start, List<String> path) {
        List<Link> links = new ArrayList<>();
        ProfileReadEntity type = start;
        Relation relation = null;
        for (String name : path) {
            relation = AttributeCatalog.relation(type, name).orElseThrow();
            links.addAll(relation.links());
            type = relation.to();
        }
        return new Links(links, relation, type);
    }

    /** {@code view l1 JOIN view l2 ON l2.from = l1.to ...}: the links of a chain joined in order. */
    private static String joined(List<Link> chain) {
        StringBuilder from = new StringBuilder(chain.get(0).view()).append(" l1");
        for (int i = 1; i < chain.size(); i++) {
            from.append(" JOIN ").append(chain.get(i).view()).append(" l").append(i + 1).append(" ON l").append(i + 1)
                    .append('.').append(chain.get(i).fromColumn()).append(" = l").append(i).append('.').append(chain.get(i - 1).toColumn());
        }
        return from.toString();
    }
}
