package dev.tributary.xdm.validation;

import java.time.Duration;
import java.time.Instant;

/**
 * What a record or event may hold so that profile-service can always store it (ADR 0023). The sizes follow
 * PostgreSQL: a btree index entry holds at most 2,704 bytes, and profile-service indexes source keys, identity
 * namespaces and values, event ids, event types and page URLs, several of them in one entry.
 */
public final class XdmLimits {

    /** A source key (canonical {@code ID@instance.Type}), an identity id, an email address or an event {@code _id}, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;
    /** An identityMap namespace, in UTF-8 bytes: it shares index entries with a key and an identity value. */
    public static final int MAX_NAMESPACE_BYTES = 128;
    /** An event's {@code eventType}, in UTF-8 bytes: it shares an index entry with the page URL. */
    public static final int MAX_EVENT_TYPE_BYTES = 256;
    /** A URL ({@code web.webPageDetails.URL}, {@code web.webReferrer.URL}, {@code accountOrganization.website}), in UTF-8 bytes. */
    public static final int MAX_URL_BYTES = 2048;
    /** Any other string, and any object key, in characters. */
    public static final int MAX_STRING_CHARS = 65_536;
    /** Errors reported for one record at most; a line with more problems is not worth listing further. */
    public static final int MAX_ERRORS = 100;
    /** Earliest instant and date accepted: year 1, as PostgreSQL and Java disagree on the years before it. */
    public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    /** Latest instant and date accepted: the end of year 9999, the last four-digit year of RFC 3339. */
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");
    /** How far ahead of the ingestion clock a source's {@code lastUpdatedDate} may be, by default. */
    public static final Duration DEFAULT_FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private XdmLimits() {
    }
}
