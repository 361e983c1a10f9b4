package dev.tributary.ingestion.connector;

import java.util.List;

/**
 * A kind of system the platform pulls from (Marketo, Salesforce, Dynamics 365, an MDM file). One Spring bean per
 * source type, stateless; a sync opens a {@link SourceTask} that holds what a run needs (a token). The framework owns
 * cursors, schedules, retries, backoff, rate budgets and run history (ADR 0027); a connector only reads pages.
 */
public interface SourceConnector {

    /** The sources API's {@code type}, e.g. {@code marketo}. */
    String type();

    /** One line for people choosing a type. */
    String description();

    /** The configuration the connector takes, declared once: the API validates, the console renders forms from it. */
    List<ConfigField> configFields();

    /**
     * The streams a run reads, in this order (parents before children: accounts before the people who name them).
     * Each stream has its own cursor.
     */
    List<String> streams();

    /** The budget the connector's calls draw from, shared by every source with the same key. */
    default RateLimit rateLimit(ConnectorConfig config) {
        return RateLimit.unlimited();
    }

    /** Opens a task for one run; makes no call yet. */
    SourceTask open(ConnectorConfig config, ConnectorContext context);
}
