package dev.tributary.support.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BodyLimitFilterTest {

    private final BodyLimitFilter filter = new BodyLimitFilter(List.of(
            BodyLimit.streamed("/v1/sources/{sourceId}/records", DataSize.ofMegabytes(64), "cdp.ingestion.max-batch-bytes"),
            BodyLimit.streamed("/v1/events", DataSize.ofMegabytes(16), "cdp.ingestion.max-events-bytes")),
            BodyLimit.everyOtherCall(DataSize.ofKilobytes(64)));

    @Test
    void shouldAnswer413WithoutCallingTheChainWhenDeclaredLengthExceedsTheCallsLimit() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/sources");
        request.setContent(new byte[70_000]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("cdp.http.max-request-bytes");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void shouldAnswer413WithoutCallingTheChainWhenUndeclaredBodyPassesTheCallsLimit() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/segments/preview") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContent(new byte[70_000]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void shouldPassSmallBodyOnWhole() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/sources");
        request.setContent("{\"name\":\"CRM\"}".getBytes());
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest().getInputStream().readAllBytes()).asString().isEqualTo("{\"name\":\"CRM\"}");
    }

    @Test
    void shouldApplyEachCallsOwnLimit() {
        assertThat(filter.limitFor("/v1/sources/5d0c5f8e-0000-4000-8000-000000000000/records").bytes()).isEqualTo(64L << 20);
        assertThat(filter.limitFor("/v1/events").bytes()).isEqualTo(16L << 20);
        assertThat(filter.limitFor("/v1/sources").bytes()).isEqualTo(64L << 10);
        assertThat(filter.limitFor("/v1/api-keys").property()).isEqualTo("cdp.http.max-request-bytes");
    }
}
