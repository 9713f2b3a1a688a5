package id.perisai.api.common.problem;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One reason an input is invalid: where ({@code field}), a stable machine code, and a human message. */
@Schema(name = "FieldError", requiredProperties = { "code", "message" }, description = "One reason an input is invalid")
public record FieldError(
        @Schema(description = "JSON path of the offending field, relative to the request body or record; `(unknown)` in place of the name of a property that is not part of it", example = "quota.maxBatchRecords") String field,
        @Schema(description = "Stable machine-readable code", example = "OUT_OF_RANGE") String code,
        @Schema(description = "Human-readable explanation", example = "must be between 1 and 1000000") String message) {

    /**
     * What {@code field} says for a property that is not part of the request or record: its name is whatever the client
     * sent (a NIK, say), so it is never echoed, logged or stored.
     */
    public static final String UNKNOWN = "(unknown)";
}
