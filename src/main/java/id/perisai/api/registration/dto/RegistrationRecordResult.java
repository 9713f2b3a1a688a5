package id.perisai.api.registration.dto;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import id.perisai.api.batch.spi.KindResult;
import id.perisai.api.batch.spi.RecordResult;

/** The outcome of one record of a registration batch. */
@Schema(name = "RegistrationRecordResult", requiredProperties = { "index",
        "status" }, description = "The outcome of one record, in submission order")
public record RegistrationRecordResult(
        @JsonUnwrapped RecordResult common,
        @Schema(description = "The registered participant (ACCEPTED, not in dry runs)", example = "4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b") UUID participantId,
        @Schema(description = "True when the participant is new to the registry, false when a LAPSED one was reactivated", example = "true") Boolean newParticipant)
        implements
            KindResult {
}
