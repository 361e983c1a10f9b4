package dev.tributary.xdm.model;

import dev.tributary.xdm.IdentityMap;
import dev.tributary.xdm.SourceKey;
import dev.tributary.xdm.XdmClass;

/**
 * A typed XDM B2B record. Each implementation mirrors the JSON of its class field for field
 * (the subset Tributary uses); unknown fields are ignored on read. Only the primary key is required.
 */
public sealed interface XdmRecord
        permits Person, Account, Opportunity, AccountPerson, OpportunityPerson,
                Campaign, CampaignMember, MarketingList, MarketingListMember {

    /** The primary key (the class's {@link XdmClass#primaryKeyField()}). */
    SourceKey key();

    XdmClass xdmClass();

    Audit extSourceSystemAudit();

    Boolean isDeleted();

    default Audit audit() {
        return extSourceSystemAudit();
    }

    default boolean deleted() {
        return Boolean.TRUE.equals(isDeleted());
    }

    /** Secondary identities; only persons and accounts carry them. */
    default IdentityMap identityMap() {
        return IdentityMap.empty();
    }

    static Class<? extends XdmRecord> typeOf(XdmClass xdmClass) {
        return switch (xdmClass) {
            case PERSON -> Person.class;
            case ACCOUNT -> Account.class;
            case OPPORTUNITY -> Opportunity.class;
            case ACCOUNT_PERSON -> AccountPerson.class;
            case OPPORTUNITY_PERSON -> OpportunityPerson.class;
            case CAMPAIGN -> Campaign.class;
            case CAMPAIGN_MEMBER -> CampaignMember.class;
            case MARKETING_LIST -> MarketingList.class;
            case MARKETING_LIST_MEMBER -> MarketingListMember.class;
        };
    }
}
