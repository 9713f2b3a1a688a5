package id.perisai.api.participant.dto;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Participant", requiredProperties = { "participantId", "nikMasked", "status",
        "registeredAt" }, description = "A registered worker (the NIK only masked)")
public record ParticipantResponse(
        @Schema(example = "4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b") UUID participantId,
        @Schema(example = "3201**********0001") String nikMasked,
        @Schema(example = "Siti Aminah") String fullName,
        @Schema(enumeration = {
                "M", "F" }, example = "F") String gender,
        @Schema(example = "1990-01-01") LocalDate birthDate,
        @Schema(ref = "Occupation", example = "PEDAGANG") String occupation,
        @Schema(example = "2500000") Long monthlyIncome,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY, implementation = Program.class, example = "[\"JKK\", \"JKM\", \"JHT\"]") List<String> programs,
        @Schema(example = "ACTIVE", enumeration = {
                "ACTIVE", "LAPSED", "VOID" }) String status,
        @Schema(example = "2026-11-21T03:15:00Z") Instant registeredAt,
        @Schema(example = "AG7K2M4X9V3B") String agentCode,
        @Schema(description = "Last paid month; absent before the first payment", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "2026-12") YearMonth coveredUntil){
}
