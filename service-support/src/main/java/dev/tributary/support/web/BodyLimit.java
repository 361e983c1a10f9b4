package dev.tributary.support.web;

import org.springframework.http.server.PathContainer;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The largest body one kind of call may send, and the property that sets it (named in the 413 problem).
 *
 * @param streamed whether the call reads its body as a stream (record batches, events); other calls' bodies are
 *                 small and read by the filter, up to the limit, because a message converter would turn the
 *                 failure into a 400
 */
public record BodyLimit(PathPattern pattern, long bytes, String property, boolean streamed) {

    /** A call that reads its body as a stream, such as an NDJSON batch. */
    public static BodyLimit streamed(String pattern, DataSize size, String property) {
        return new BodyLimit(PathPatternParser.defaultInstance.parse(pattern), size.toBytes(), property, true);
    }

    /** The limit of every call a service does not name. */
    public static BodyLimit everyOtherCall(DataSize size) {
        return new BodyLimit(null, size.toBytes(), "cdp.http.max-request-bytes", false);
    }

    boolean matches(String path) {
        return pattern != null && pattern.matches(PathContainer.parsePath(path));
    }
}
