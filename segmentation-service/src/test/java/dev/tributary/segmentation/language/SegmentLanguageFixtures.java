package dev.tributary.segmentation.language;

/** Rule texts shared by the tests. */
final class SegmentLanguageFixtures {

    /** The seed audience (docs/segment-language.md). */
    static final String SEED = """
            sum(accounts.opportunities.amount where isWon = true) > 1000000
            and exists(events where eventType = "web.webpagedetails.pageViews"
                                and url contains "/products/new"
                                and timestamp in last 1 month)
            """;

    private SegmentLanguageFixtures() {
    }
}
