package id.perisai.api.report.dto;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A year's targets of new participants; in answers each target carries what has been achieved. */
@Schema(name = "Targets", requiredProperties = { "branchOffices", "partners" })
public record TargetsDto(
        @Schema(description = "Answers only: the year", example = "2026", readOnly = true) Integer year,
        List<BranchTarget> branchOffices,
        List<PartnerTarget> partners) {

    @Schema(name = "BranchOfficeTarget", requiredProperties = { "branchOffice", "newParticipants" })
    public record BranchTarget(
            @Schema(maxLength = 100, example = "Jakarta Salemba") String branchOffice,
            @Schema(minimum = "1", maximum = "100000000", example = "101000") Integer newParticipants,
            @Schema(description = "Answers only: new participants registered this year through the branch office's partners", readOnly = true, example = "2") Long achieved,
            @Schema(description = "Answers only", readOnly = true, example = "0.0") BigDecimal achievedPct) {
    }

    @Schema(name = "PartnerTarget", requiredProperties = { "partnerCode", "newParticipants" })
    public record PartnerTarget(
            @Schema(maxLength = 32, example = "DEMO-WADAH") String partnerCode,
            @Schema(minimum = "1", maximum = "100000000", example = "1200") Integer newParticipants,
            @Schema(description = "Answers only: new participants registered this year by the partner", readOnly = true, example = "2") Long achieved,
            @Schema(description = "Answers only", readOnly = true, example = "0.2") BigDecimal achievedPct) {
    }
}
