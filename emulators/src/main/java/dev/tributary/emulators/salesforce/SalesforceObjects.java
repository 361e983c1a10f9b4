package dev.tributary.emulators.salesforce;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The standard objects the emulator serves, their id prefixes and the fields a query may name. */
final class SalesforceObjects {

    private static final List<String> SYSTEM = List.of("Id", "IsDeleted", "SystemModstamp", "CreatedDate", "LastModifiedDate");

    static final Map<String, String> PREFIXES = Map.of("Account", "001", "Contact", "003", "Lead", "00Q",
            "Opportunity", "006", "OpportunityContactRole", "00K", "Campaign", "701", "CampaignMember", "00v");

    private static final Map<String, List<String>> FIELDS = Map.of(
            "Account", List.of("Name", "Website", "Industry", "NumberOfEmployees", "AnnualRevenue", "BillingCountry", "ParentId"),
            "Contact", List.of("AccountId", "FirstName", "LastName", "Email", "Title", "MailingCountry"),
            "Lead", List.of("Company", "FirstName", "LastName", "Email", "Title", "Country", "IsConverted",
                    "ConvertedContactId", "ConvertedAccountId"),
            "Opportunity", List.of("AccountId", "Name", "Amount", "CloseDate", "StageName", "IsClosed", "IsWon"),
            "OpportunityContactRole", List.of("OpportunityId", "ContactId", "Role", "IsPrimary"),
            "Campaign", List.of("Name", "Type", "Status"),
            "CampaignMember", List.of("CampaignId", "ContactId", "LeadId", "Status", "HasResponded", "FirstRespondedDate"));

    private SalesforceObjects() {
    }

    static boolean exists(String object) {
        return FIELDS.containsKey(object);
    }

    static Set<String> fields(String object) {
        Set<String> fields = new LinkedHashSet<>(SYSTEM);
        fields.addAll(FIELDS.get(object));
        return fields;
    }
}
