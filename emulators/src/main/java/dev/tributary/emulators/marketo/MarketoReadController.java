package dev.tributary.emulators.marketo;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static dev.tributary.emulators.marketo.MarketoRequests.blank;
import static dev.tributary.emulators.marketo.MarketoRequests.csv;
import static dev.tributary.emulators.marketo.MarketoRequests.token;

/**
 * Marketo's read endpoints for what a source connector pulls besides leads and activities: companies, opportunities
 * and their roles, programs and their members, static lists.
 */
@RestController
@RequestMapping("/marketo/{munchkinId}")
class MarketoReadController {

    private final MarketoRegistry registry;

    MarketoReadController(MarketoRegistry registry) {
        this.registry = registry;
    }

    /** Get Companies: {@code filterType} one of the searchable fields (id, externalCompanyId, company), ≤ 300 values. */
    @GetMapping("/rest/v1/companies.json")
    ResponseEntity<Object> companies(@PathVariable String munchkinId,
                                     @RequestHeader(name = "Authorization", required = false) String authorization,
                                     @RequestParam(name = "access_token", required = false) String accessToken,
                                     @RequestParam(required = false) String filterType,
                                     @RequestParam(required = false) String filterValues,
                                     @RequestParam(required = false) String fields,
                                     @RequestParam(required = false) Integer batchSize,
                                     @RequestParam(required = false) String nextPageToken) {
        MarketoInstance instance = registry.require(munchkinId);
        return instance.serve(token(authorization, accessToken), () -> filtered(instance, filterType, filterValues,
                batchSize, nextPageToken, MarketoCatalog.COMPANY_FILTERS,
                values -> instance.catalog().findCompanies(filterType, values, csv(fields))));
    }

    /** Get Opportunities: {@code filterType} externalOpportunityId, marketoGUID or externalCompanyId; ≤ 300 values. */
    @GetMapping("/rest/v1/opportunities.json")
    ResponseEntity<Object> opportunities(@PathVariable String munchkinId,
                                         @RequestHeader(name = "Authorization", required = false) String authorization,
                                         @RequestParam(name = "access_token", required = false) String accessToken,
                                         @RequestParam(required = false) String filterType,
                                         @RequestParam(required = false) String filterValues,
                                         @RequestParam(required = false) String fields,
                                         @RequestParam(required = false) Integer batchSize,
                                         @RequestParam(required = false) String nextPageToken) {
        MarketoInstance instance = registry.require(munchkinId);
        return instance.serve(token(authorization, accessToken), () -> filtered(instance, filterType, filterValues,
                batchSize, nextPageToken, MarketoOpportunities.OPPORTUNITY_FILTERS,
                values -> instance.opportunities().findOpportunities(filterType, values, csv(fields))));
    }

    /** Get Opportunity Roles: {@code filterType} externalOpportunityId, marketoGUID or leadId; ≤ 300 values. */
    @GetMapping("/rest/v1/opportunities/roles.json")
    ResponseEntity<Object> opportunityRoles(@PathVariable String munchkinId,
                                            @RequestHeader(name = "Authorization", required = false) String authorization,
                                            @RequestParam(name = "access_token", required = false) String accessToken,
                                            @RequestParam(required = false) String filterType,
                                            @RequestParam(required = false) String filterValues,
                                            @RequestParam(required = false) String fields,
                                            @RequestParam(required = false) Integer batchSize,
                                            @RequestParam(required = false) String nextPageToken) {
        MarketoInstance instance = registry.require(munchkinId);
        return instance.serve(token(authorization, accessToken), () -> filtered(instance, filterType, filterValues,
                batchSize, nextPageToken, MarketoOpportunities.ROLE_FILTERS,
                values -> instance.opportunities().findRoles(filterType, values, csv(fields))));
    }

    /** The lead database's filterType/filterValues query: checks, the ≤ 300 limits, one page of what matched. */
    private static Map<String, Object> filtered(MarketoInstance instance, String filterType, String filterValues,
                                                Integer batchSize, String nextPageToken, Set<String> filters,
                                                Function<List<String>, List<Map<String, Object>>> find) {
        if (blank(filterType)) {
            return MarketoEnvelope.error("1002", "Missing value for the required parameter 'filterType'");
        }
        if (!filters.contains(filterType)) {
            return MarketoEnvelope.error("1003", "Invalid filterType '" + filterType + "'");
        }
        if (blank(filterValues)) {
            return MarketoEnvelope.error("1002", "Missing value for the required parameter 'filterValues'");
        }
        List<String> values = csv(filterValues);
        Map<String, Object> tooMany = instance.batchError(values.size(), "filterValues");
        if (tooMany == null && batchSize != null) {
            tooMany = instance.batchError(batchSize, "batchSize");
        }
        if (tooMany != null) {
            return tooMany;
        }
        return MarketoRequests.page(find.apply(values), batchSize == null ? instance.maxBatch() : batchSize, nextPageToken);
    }

    /** Get Programs (asset API): {@code offset}, {@code maxReturn} ≤ 200 (default 20), optional {@code earliestUpdatedAt}. */
    @GetMapping("/rest/asset/v1/programs.json")
    ResponseEntity<Object> programs(@PathVariable String munchkinId,
                                    @RequestHeader(name = "Authorization", required = false) String authorization,
                                    @RequestParam(name = "access_token", required = false) String accessToken,
                                    @RequestParam(required = false) Integer offset,
                                    @RequestParam(required = false) Integer maxReturn,
                                    @RequestParam(required = false) String earliestUpdatedAt) {
        MarketoInstance instance = registry.require(munchkinId);
        return instance.serve(token(authorization, accessToken), () -> {
            int size = maxReturn == null ? 20 : maxReturn;
            if (size < 1 || size > 200) {
                return MarketoEnvelope.error("1003", "Invalid value for maxReturn: from 1 to 200");
            }
            Instant since;
            try {
                since = blank(earliestUpdatedAt) ? null : Instant.parse(earliestUpdatedAt);
            } catch (DateTimeParseException e) {
                return MarketoEnvelope.error("1001", "Invalid value '" + earliestUpdatedAt + "'. Required of type 'datetime'");
            }
            List<Map<String, Object>> page = instance.programs().programs(offset == null ? 0 : offset, size, since);
            return page.isEmpty() ? MarketoEnvelope.warning("No assets found for the given search criteria.")
                    : MarketoEnvelope.ok(page);
        });
    }

    /** Get Program Members: {@code filterType} leadId, reachedSuccess or statusName; ≤ 300 values; paging token. */
    @GetMapping("/rest/v1/programs/{programId}/members.json")
    ResponseEntity<Object> programMembers(@PathVariable String munchkinId, @PathVariable long programId,
                                          @RequestHeader(name = "Authorization", required = false) String authorization,
                                          @RequestParam(name = "access_token", required = false) String accessToken,
                                          @RequestParam(required = false) String filterType,
                                          @RequestParam(required = false) String filterValues,
                                          @RequestParam(required = false) String fields,
                                          @RequestParam(required = false) Integer batchSize,
                                          @RequestParam(required = false) String nextPageToken) {
        MarketoInstance instance = registry.require(munchkinId);
        return instance.serve(token(authorization, accessToken), () -> {
            if (!instance.programs().exists(programId)) {
                return MarketoEnvelope.error("1013", "Program not found");
            }
            if (blank(filterType) || blank(filterValues)) {
                return MarketoEnvelope.error("1002", "Missing value for the required parameter 'filterType'/'filterValues'");
            }
            if (!MarketoPrograms.MEMBER_FILTERS.contains(filterType)) {
                return MarketoEnvelope.error("1003", "Invalid filterType '" + filterType + "'");
            }
            List<String> values = csv(filterValues);
            Map<String, Object> tooMany = instance.batchError(values.size(), "filterValues");
            if (tooMany == null && batchSize != null) {
                tooMany = instance.batchError(batchSize, "batchSize");
            }
            if (tooMany != null) {
                return tooMany;
            }
            List<Map<String, Object>> found = instance.programs().members(programId, filterType, values, csv(fields));
            return MarketoRequests.page(found, batchSize == null ? instance.maxBatch() : batchSize, nextPageToken);
        });
    }

    /** Get Lists: every static list, by id, paged with {@code nextPageToken}. */
    @GetMapping("/rest/v1/lists.json")
    ResponseEntity<Object> lists(@PathVariable String munchkinId,
                                 @RequestHeader(name = "Authorization", required = false) String authorization,
                                 @RequestParam(name = "access_token", required = false) String accessToken,
                                 @RequestParam(required = false) Integer batchSize,
                                 @RequestParam(required = false) String nextPageToken) {
        MarketoInstance instance = registry.require(munchkinId);
        return instance.serve(token(authorization, accessToken), () -> {
            if (batchSize != null) {
                Map<String, Object> tooMany = instance.batchError(batchSize, "batchSize");
                if (tooMany != null) {
                    return tooMany;
                }
            }
            return MarketoRequests.page(instance.staticLists().listRecords(), batchSize == null ? instance.maxBatch() : batchSize,
                    nextPageToken);
        });
    }
}
