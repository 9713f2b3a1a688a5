package id.perisai.api.batch.spi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonRawValue;

import id.perisai.api.common.problem.FieldError;

/**
 * What every record result says, whatever the kind: its position, the partner's reference, the outcome and the
 * reasons. Kinds embed it ({@code @JsonUnwrapped}) in their result record beside their own members.
 */
public record RecordResult(
        @Schema(description = "1-based position in the submission", example = "17") int index,
        @Schema(description = "The record's externalRef, echoed", example = "row-17") String externalRef,
        @Schema(description = "ACCEPTED, DUPLICATE (with the code saying why) or REJECTED (with every reason)", example = "ACCEPTED") RecordOutcome status,
        @Schema(description = "Every reason (REJECTED) or the duplicate code (DUPLICATE)", implementation = FieldError[].class) @JsonRawValue String errors) {
}
