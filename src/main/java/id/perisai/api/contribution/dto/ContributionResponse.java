package id.perisai.api.contribution.dto;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Contribution", requiredProperties = { "contributionId", "periodStart", "months", "amount", "payerType",
        "paidAt", "acceptedAt", "coveredMonths" }, description = "An accepted payment and the months it covers")
public record ContributionResponse(
        @Schema(example = "0f9c2a1e-5b3d-4a5e-8f60-1c2d3e4f5a6b") UUID contributionId,
        @Schema(description = "The payment reference, for payments this partner posted (another payer's reference is not disclosed)", example = "TRX-2026-11-0001") String paymentRef,
        @Schema(example = "2026-11") String periodStart,
        @Schema(example = "2") int months,
        @Schema(example = "56800") long amount,
        @Schema(enumeration = {
                "SELF", "PARTNER", "GOVERNMENT", "DONOR" }, example = "SELF") String payerType,
        @Schema(example = "Pemprov Jawa Barat (APBD)") String payerName,
        @Schema(example = "2026-11-20T09:30:00+07:00") OffsetDateTime paidAt,
        @Schema(example = "2026-11-21T03:15:04Z") Instant acceptedAt,
        List<QuoteResponse.MonthDue> coveredMonths){
}
