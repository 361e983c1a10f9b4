package dev.tributary.ingestion.web;

import dev.tributary.ingestion.IngestionApi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a body of any size over a raw socket, generated on the fly from one repeated piece, while reading the answer
 * on the calling thread: a server that refuses early answers and closes the connection while the body is still being
 * written, which an HTTP client library reports as a failed request.
 */
final class StreamedUpload {

    /** What came back; {@code sent} is how many body bytes were written before the server closed the connection. */
    record Answer(int status, String head, String body, long sent) {
    }

    private StreamedUpload() {
    }

    /**
     * @param chunked send with Transfer-Encoding: chunked (the server learns the size only by reading) rather than
     *                with a Content-Length declaring {@code totalBytes}
     */
    static Answer post(int port, String path, String contentType, byte[] opening, byte[] piece, long totalBytes,
                       boolean chunked) throws IOException, InterruptedException, ExecutionException, TimeoutException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                    + "Authorization: Bearer " + IngestionApi.TOKEN + "\r\nContent-Type: " + contentType + "\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + totalBytes + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeBody(out, opening, piece, totalBytes,
                    chunked, sent));
            byte[] answer = readAll(socket.getInputStream());
            socket.shutdownOutput();
            writer.get(60, TimeUnit.SECONDS);
            String text = new String(answer, StandardCharsets.UTF_8);
            int headEnd = text.indexOf("\r\n\r\n");
            String answerHead = headEnd < 0 ? text : text.substring(0, headEnd);
            int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
            return new Answer(status, answerHead, headEnd < 0 ? "" : text.substring(headEnd + 4), sent.get());
        }
    }

    /** Writes until the whole body is sent or the server closes the connection, which ends the upload. */
    private static void writeBody(OutputStream out, byte[] opening, byte[] piece, long totalBytes, boolean chunked,
                                  AtomicLong sent) {
        byte[] block = new byte[64 * 1024];
        try {
            if (opening.length > 0) {
                // an empty chunk would end a chunked body
                writeChunk(out, opening, opening.length, chunked);
                sent.addAndGet(opening.length);
            }
            for (int i = 0; i < block.length; i++) {
                block[i] = piece[i % piece.length];
            }
            int blockLength = block.length - block.length % piece.length;
            while (sent.get() < totalBytes) {
                int n = (int) Math.min(blockLength, totalBytes - sent.get());
                writeChunk(out, block, n, chunked);
                sent.addAndGet(n);
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException e) {
            // the server answered and closed the connection: the rest of the body is not wanted
        }
    }

    private static void writeChunk(OutputStream out, byte[] bytes, int length, boolean chunked) throws IOException {
        if (chunked) {
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write(bytes, 0, length);
        if (chunked) {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Everything the server sends until it closes the connection (or resets it after its answer). */
    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                answer.write(buffer, 0, n);
                if (complete(answer)) {
                    break;
                }
            }
        } catch (IOException e) {
            if (answer.size() == 0) {
                throw e;
            }
        }
        return answer.toByteArray();
    }

    /** A problem body is small JSON: once its closing brace and the end of a chunked body are in, the answer is whole. */
    private static boolean complete(ByteArrayOutputStream answer) {
        String text = answer.toString(StandardCharsets.UTF_8);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String body = text.substring(headEnd + 4);
        return body.endsWith("0\r\n\r\n") || (!text.toLowerCase().contains("transfer-encoding: chunked") && body.endsWith("}"));
    }
}
