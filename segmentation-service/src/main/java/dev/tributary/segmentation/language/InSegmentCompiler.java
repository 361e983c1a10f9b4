package dev.tributary.segmentation.language;

/**
 * {@code inSegment("id")}: the row is an active member of another segment. The one place outside the
 * {@code membership} package that names its table: a compiled rule reads it, so its name and columns are part of
 * the language (ADR 0032).
 */
final class InSegmentCompiler {

    private final Compilation compilation;

    InSegmentCompiler(Compilation compilation) {
        this.compilation = compilation;
    }

    SqlTerm.InSegment compile(Condition.InSegment in, ProfileReadEntity scope, String alias) {
        String id = compilation.parameter(in.segmentId());
        compilation.referencedSegments.add(in.segmentId());
        return new SqlTerm.InSegment("EXISTS (SELECT 1 FROM segmentation.membership m WHERE m.segment_id = " + id
                + " AND m.entity_id = " + alias + "." + scope.keyColumns().get(0) + " AND m.active)", in, id);
    }

    /** The explanation of {@code inSegment}: the membership of {@code :entity_id} in the segment {@code segmentId} names. */
    static String explanation(String segmentId) {
        return "SELECT 'segment' AS fact_type, m.segment_id AS fact_id, m.segment_id AS label,"
                + " CAST(NULL AS numeric) AS amount, CAST(NULL AS timestamptz) AS at, CAST(NULL AS text) AS via"
                + " FROM segmentation.membership m WHERE m.segment_id = " + segmentId
                + " AND m.entity_id = :entity_id AND m.active";
    }
}
