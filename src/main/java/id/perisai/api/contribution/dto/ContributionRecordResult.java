package id.perisai.api.contribution.dto;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import id.perisai.api.batch.spi.KindResult;
import id.perisai.api.batch.spi.RecordResult;

/** The outcome of one payment record of a contribution batch. */
@Schema(name = "ContributionRecordResult", requiredProperties = { "index",
        "status" }, description = "The outcome of one payment record, in submission order")
public record ContributionRecordResult(
        @JsonUnwrapped RecordResult common,
        @Schema(description = "The contribution (ACCEPTED, not in dry runs)", example = "0f9c2a1e-5b3d-4a5e-8f60-1c2d3e4f5a6b") UUID contributionId,
        @Schema(description = "With AMOUNT_MISMATCH: the amount due for the record's months", example = "36800") Long expectedAmount)
        implements
            KindResult {
}
