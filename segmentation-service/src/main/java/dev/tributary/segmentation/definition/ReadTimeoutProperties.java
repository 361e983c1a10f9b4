package dev.tributary.segmentation.definition;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How long a statement of an API read may run.
 *
 * @param statementTimeout PostgreSQL {@code statement_timeout} of each statement of an API read (previews,
 *                         members, their count, explanations), set locally in its read-only transaction: a rule
 *                         too heavy to preview, or a read stuck behind a lock, answers 503 instead of holding a
 *                         connection and a request thread (ADR 0022). A preview runs two statements, its count
 *                         and its sample, each within it.
 */
@Validated
@ConfigurationProperties("cdp.segmentation.api")
public record ReadTimeoutProperties(@DefaultValue("30s") @NotNull Duration statementTimeout) {
}
