package dev.tributary.segmentation.definition;

import dev.tributary.segmentation.language.QueryLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How large a rule sent to the API may be, for create, update and preview (ADR 0022). Stored rules are
 * evaluated whatever these say now.
 *
 * @param maxLength characters of rule text; the seed rule has 230, the benchmark's largest under 400
 * @param maxDepth  nesting levels of parentheses, {@code not}, {@code exists} and aggregates, at most
 *                  {@value QueryLimits#DEPTH_CEILING}
 */
@Validated
@ConfigurationProperties("cdp.segmentation.query")
public record QueryLimitProperties(@DefaultValue("10000") @Min(1) int maxLength,
                              @DefaultValue("32") @Min(1) @Max(QueryLimits.DEPTH_CEILING) int maxDepth) {

    QueryLimits limits() {
        return new QueryLimits(maxLength, maxDepth);
    }
}
