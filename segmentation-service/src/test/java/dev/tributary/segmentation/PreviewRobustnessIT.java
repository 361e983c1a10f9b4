package dev.tributary.segmentation;

import dev.tributary.segmentation.language.RandomQueries;
import dev.tributary.segmentation.language.RuleTexts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preview API answers any query text with a preview or a 4xx problem, never a 5xx: a sample of the inputs the
 * parser's properties ({@code SegmentParserProperties}) try, sent over HTTP against the Townsend data.
 */
@SegmentationIntegrationTest
class PreviewRobustnessIT {

    /** HTTP round trips are slower than the parser's properties: a modest sample. */
    private static final int TRIES = 200;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldNeverAnswerAServerErrorWhateverTheQueryText() {
        SegmentationFixtures.loadSeedScenario(jdbc);
        SegmentationApi api = new SegmentationApi(port);
        // valid person rules first, so that the SQL side is always exercised, not only the parser
        List<String> valid = RandomQueries.personQueries().sampleStream().limit(TRIES / 10).toList();
        List<String> texts = Stream.of(valid.stream(),
                        RuleTexts.anyText().sampleStream().limit(TRIES / 5),
                        RuleTexts.mutatedRules().sampleStream().limit(TRIES / 2),
                        RuleTexts.deepText().sampleStream().limit(TRIES / 5))
                .flatMap(s -> s).toList();
        List<String> failures = new ArrayList<>();
        int previewed = 0;
        for (int i = 0; i < texts.size(); i++) {
            String audience = i < valid.size() || i % 3 != 0 ? "person" : "account";
            SegmentationApi.Response response = api.post("/v1/segments/preview",
                    SegmentationApi.json(Map.of("audience", audience, "query", texts.get(i))));
            if (response.status() >= 500 || response.status() == 200 && response.body().get("count") == null) {
                failures.add(response.status() + " for " + audience + " " + SegmentationApi.json(texts.get(i)) + ": " + response.body());
            } else if (response.status() == 200) {
                previewed++;
            } else {
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
        }

        assertThat(failures).isEmpty();
        assertThat(texts).hasSize(TRIES);
        assertThat(previewed).isGreaterThanOrEqualTo(valid.size());
    }
}
