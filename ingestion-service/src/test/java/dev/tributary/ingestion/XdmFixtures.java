package dev.tributary.ingestion;

/** NDJSON lines and events as senders write them: keys in string form, emails un-normalised. */
public final class XdmFixtures {

    public static final String ACCOUNT_LINE = """
            {"class":"account","data":{"accountKey":"A-1@crm-1.Salesforce","accountName":"Townsend"}}""";

    /** The key has surrounding spaces and the email capitals: both must be published normalised. */
    public static final String PERSON_LINE = """
            {"class":"person","data":{"personKey":" 1001@mkto-1.Marketo ","workEmail":{"address":" P2@Townsend.com "}}}""";

    private XdmFixtures() {
    }

    public static String ndjson(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    public static String pageView(String id, String identity) {
        return """
                {"_id":"%s","timestamp":"2026-11-02T09:30:00+01:00","eventType":"web.webpagedetails.pageViews",%s,\
                "web":{"webPageDetails":{"URL":"https://bodea.com/products/new"}}}""".formatted(id, identity);
    }
}
