package dev.tributary.ingestion.web;

import dev.tributary.ingestion.IngestionProperties;
import dev.tributary.xdm.json.XdmJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Bounds the body of every call before anything reads it into memory (ADR 0023): a declared Content-Length over the
 * call's limit is answered 413 at once, and a chunked body fails with 413 as soon as its bytes pass the limit.
 */
public final class BodyLimitFilter extends OncePerRequestFilter {

    /**
     * The limit of one call and the property that sets it, named in the problem detail.
     *
     * @param streamed whether the call reads its body as a stream (batches, events); other calls' bodies are small
     *                 and read here, up to the limit, because a message converter would turn the failure into a 400
     */
    record Limit(long bytes, String property, boolean streamed) {
    }

    private static final Pattern RECORDS = Pattern.compile("/v1/sources/[^/]+/records/?");

    private final IngestionProperties properties;

    public BodyLimitFilter(IngestionProperties properties) {
        this.properties = properties;
    }

    Limit limitFor(String path) {
        if (RECORDS.matcher(path).matches()) {
            return new Limit(properties.maxBatchBytes().toBytes(), "cdp.ingestion.max-batch-bytes", true);
        }
        if (path.equals("/v1/events") || path.equals("/v1/events/")) {
            return new Limit(properties.maxEventsBytes().toBytes(), "cdp.ingestion.max-events-bytes", true);
        }
        return new Limit(properties.maxRequestBytes().toBytes(), "cdp.ingestion.max-request-bytes", false);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Limit limit = limitFor(request.getRequestURI().substring(request.getContextPath().length()));
        if (request.getContentLengthLong() > limit.bytes()) {
            writeProblem(request, response, new BodyTooLargeException(limit));
            return;
        }
        HttpServletRequest limited = new LimitedRequest(request, limit);
        if (!limit.streamed()) {
            byte[] body;
            try {
                body = limited.getInputStream().readAllBytes();
            } catch (BodyTooLargeException e) {
                writeProblem(request, response, e);
                return;
            }
            limited = new ReadRequest(request, body);
        }
        try {
            chain.doFilter(limited, response);
        } catch (ServletException | RuntimeException e) {
            BodyTooLargeException tooLarge = causeOf(e);
            if (tooLarge == null || response.isCommitted()) {
                throw e;
            }
            response.reset();
            writeProblem(request, response, tooLarge);
        }
    }

    private static BodyTooLargeException causeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    /** Written here, not by the MVC advice: a refused body never reaches a controller. */
    private static void writeProblem(HttpServletRequest request, HttpServletResponse response, BodyTooLargeException e)
            throws IOException {
        ObjectNode problem = XdmJson.mapper().createObjectNode()
                .put("type", "about:blank")
                .put("title", e.title())
                .put("status", e.status().value())
                .put("detail", e.getMessage())
                .put("instance", request.getRequestURI());
        response.setStatus(e.status().value());
        // the rest of the body is not read; the connection cannot carry another request after it
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8);
        response.getOutputStream().write(XdmJson.mapper().writeValueAsBytes(problem));
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final Limit limit;
        private LimitedInputStream body;

        LimitedRequest(HttpServletRequest request, Limit limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                body = new LimitedInputStream(super.getInputStream(), limit);
            }
            return body;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    /** A small body already read, served from memory. */
    private static final class ReadRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    /** Counts what is read and fails past the limit: chunked bodies declare no length to check up front. */
    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final Limit limit;
        private long count;

        LimitedInputStream(ServletInputStream in, Limit limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public int readLine(byte[] buffer, int offset, int length) throws IOException {
            int n = in.readLine(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(long n) {
            count += n;
            if (count > limit.bytes()) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
