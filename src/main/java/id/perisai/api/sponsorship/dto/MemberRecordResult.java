package id.perisai.api.sponsorship.dto;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import id.perisai.api.batch.spi.KindResult;
import id.perisai.api.batch.spi.RecordResult;

/** The outcome of one member record of a member batch. */
@Schema(name = "MemberRecordResult", requiredProperties = { "index",
        "status" }, description = "The outcome of one member record, in submission order")
public record MemberRecordResult(
        @JsonUnwrapped RecordResult common,
        @Schema(description = "The participant the record names (when one managed by this partner was found)", example = "4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b") UUID participantId)
        implements
            KindResult {
}
