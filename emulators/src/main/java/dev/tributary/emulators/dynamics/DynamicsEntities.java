package dev.tributary.emulators.dynamics;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The entity sets the emulator serves: their primary key, entity type and the columns a query may name. */
final class DynamicsEntities {

    record Entity(String set, String logicalName, String primaryKey, List<String> columns) {

        Set<String> allColumns() {
            Set<String> all = new LinkedHashSet<>(List.of(primaryKey, "createdon", "modifiedon", "statecode", "statuscode", "versionnumber"));
            all.addAll(columns);
            return all;
        }
    }

    private static final Map<String, Entity> SETS = Map.of(
            "accounts", new Entity("accounts", "account", "accountid", List.of("name", "websiteurl", "industrycode",
                    "numberofemployees", "revenue", "address1_country", "_parentaccountid_value")),
            "contacts", new Entity("contacts", "contact", "contactid", List.of("firstname", "lastname", "emailaddress1",
                    "jobtitle", "address1_country", "_parentcustomerid_value")),
            "opportunities", new Entity("opportunities", "opportunity", "opportunityid", List.of("name", "_customerid_value",
                    "_parentaccountid_value", "_parentcontactid_value", "estimatedvalue", "actualvalue", "actualclosedate",
                    "estimatedclosedate", "stepname")));

    private DynamicsEntities() {
    }

    static Entity find(String set) {
        return SETS.get(set);
    }
}
