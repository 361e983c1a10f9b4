package dev.tributary.activation.marketo;

/**
 * One record of a batch call, in input order: Marketo's {@code status} ({@code added}, {@code removed},
 * {@code created}, {@code updated}, {@code skipped}) and, when skipped, its first reason as {@code code: message}.
 */
public record RecordResult(Long id, String status, String reason) {

    public boolean skipped() {
        return "skipped".equals(status) || status == null;
    }
}
