package id.perisai.api.contribution.dto;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonRawValue;

import id.perisai.api.common.problem.FieldError;

/** The outcome of one payment record of a batch. */
@Schema(name = "ContributionRecordResult", description = "The outcome of one payment record, in submission order")
public record ContributionRecordResponse(
        @Schema(description = "1-based position in the submission", example = "3") int index,
        @Schema(description = "The record's externalRef, echoed", example = "pay-3") String externalRef,
        @Schema(example = "REJECTED", enumeration = {
                "ACCEPTED", "DUPLICATE", "REJECTED" }) String status,
        @Schema(description = "The contribution (ACCEPTED, not in dry runs)", example = "0f9c2a1e-5b3d-4a5e-8f60-1c2d3e4f5a6b") UUID contributionId,
        @Schema(description = "With AMOUNT_MISMATCH: the amount due for the record's months", example = "36800") Long expectedAmount,
        @Schema(description = "Every reason (REJECTED) or the duplicate code (DUPLICATE)", implementation = FieldError[].class) @JsonRawValue String errors){
}
