package dev.tributary.support.web;

import dev.tributary.support.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Bounds the body of every call of a service before anything reads it into memory (ADR 0023): a declared
 * Content-Length over the call's limit is answered 413 at once, and a chunked body fails with 413 as soon as its
 * bytes pass the limit. Calls a service names in its {@link BodyLimits} get their own limit; every other call gets
 * {@code cdp.http.max-request-bytes}.
 */
public final class BodyLimitFilter extends OncePerRequestFilter {

    private final List<BodyLimit> limits;
    private final BodyLimit fallback;

    public BodyLimitFilter(List<BodyLimit> limits, BodyLimit fallback) {
        this.limits = List.copyOf(limits);
        this.fallback = fallback;
    }

    BodyLimit limitFor(String path) {
        return limits.stream().filter(l -> l.matches(path)).findFirst().orElse(fallback);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BodyLimit limit = limitFor(request.getRequestURI().substring(request.getContextPath().length()));
        if (request.getContentLengthLong() > limit.bytes()) {
            writeProblem(response, new BodyTooLargeException(limit));
            return;
        }
        HttpServletRequest limited = new LimitedRequest(request, limit);
        if (!limit.streamed()) {
            byte[] body;
            try {
                body = limited.getInputStream().readAllBytes();
            } catch (BodyTooLargeException e) {
                writeProblem(response, e);
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
            writeProblem(response, tooLarge);
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
    private static void writeProblem(HttpServletResponse response, BodyTooLargeException e)
            throws IOException {
        // the rest of the body is not read; the connection cannot carry another request after it
        response.setHeader(HttpHeaders.CONNECTION, "close");
        ProblemWriter.write(response, e.status().value(), e.title(), e.getMessage());
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final BodyLimit limit;
        private LimitedInputStream body;

        LimitedRequest(HttpServletRequest request, BodyLimit limit) {
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
        private final BodyLimit limit;
        private long count;

        LimitedInputStream(ServletInputStream in, BodyLimit limit) {
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
