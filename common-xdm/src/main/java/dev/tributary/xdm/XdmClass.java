package dev.tributary.xdm;

import java.util.Arrays;
import java.util.Optional;

/** The XDM B2B classes Tributary ingests, with their JSON names and primary key fields. */
public enum XdmClass {
    PERSON("person", "personKey"),
    ACCOUNT("account", "accountKey"),
    OPPORTUNITY("opportunity", "opportunityKey"),
    ACCOUNT_PERSON("accountPerson", "accountPersonKey"),
    OPPORTUNITY_PERSON("opportunityPerson", "opportunityPersonKey"),
    CAMPAIGN("campaign", "campaignKey"),
    CAMPAIGN_MEMBER("campaignMember", "campaignMemberKey"),
    MARKETING_LIST("marketingList", "marketingListKey"),
    MARKETING_LIST_MEMBER("marketingListMember", "marketingListMemberKey");

    private final String jsonName;
    private final String primaryKeyField;

    XdmClass(String jsonName, String primaryKeyField) {
        this.jsonName = jsonName;
        this.primaryKeyField = primaryKeyField;
    }

    public String jsonName() {
        return jsonName;
    }

    public String primaryKeyField() {
        return primaryKeyField;
    }

    public static Optional<XdmClass> fromJsonName(String jsonName) {
        return Arrays.stream(values()).filter(c -> c.jsonName.equals(jsonName)).findFirst();
    }
}
