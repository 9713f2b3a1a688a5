package id.perisai.api.registration.dto;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonRawValue;

import id.perisai.api.common.problem.FieldError;

/** The outcome of one record of a batch. */
@Schema(name = "RegistrationRecordResult", description = "The outcome of one record, in submission order")
public record RecordResultResponse(
        @Schema(description = "1-based position in the submission", example = "17") int index,
        @Schema(description = "The record's externalRef, echoed", example = "row-17") String externalRef,
        @Schema(example = "ACCEPTED", enumeration = {
                "ACCEPTED", "DUPLICATE", "REJECTED" }) String status,
        @Schema(description = "The registered participant (ACCEPTED, not in dry runs)", example = "4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b") UUID participantId,
        @Schema(description = "True when the participant is new to the registry, false when a LAPSED one was reactivated", example = "true") Boolean newParticipant,
        @Schema(description = "Every reason (REJECTED) or the duplicate code (DUPLICATE)", implementation = FieldError[].class) @JsonRawValue String errors){
}
