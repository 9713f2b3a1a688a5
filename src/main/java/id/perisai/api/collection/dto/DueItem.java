package id.perisai.api.collection.dto;

import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A participant who must pay, on an agent's collection list. */
@Schema(name = "CollectionDue", requiredProperties = { "participantId", "nikMasked", "firstUnpaidMonth", "lapsesOn",
        "status" }, description = "A participant whose coverage needs a payment for the month asked about")
public record DueItem(
        @Schema(example = "4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b") UUID participantId,
        @Schema(example = "3201**********0001") String nikMasked,
        @Schema(example = "Siti Aminah") String fullName,
        @Schema(description = "E.164", example = "+6281234567890") String phone,
        @Schema(description = "The agent managing the participant; absent when none", example = "AGDEMO000001") String agentCode,
        @Schema(description = "Last paid month; absent before the first payment", example = "2026-10") String coveredUntil,
        @Schema(example = "2026-11") String firstUnpaidMonth,
        @Schema(description = "The day (00:00 WIB) the participant lapses unless paid: the first day of the fourth month after firstUnpaidMonth", example = "2027-03-01") LocalDate lapsesOn,
        @Schema(enumeration = {
                "DUE", "AT_RISK", "LAPSED" }, example = "DUE") String status,
        @Schema(description = "Months from firstUnpaidMonth through the month asked about; absent when LAPSED (it cannot be paid)", example = "2") Integer payableMonths,
        @Schema(description = "The exact due of those months, payer SELF, as POST /v1/contributions/quote gives it; absent when LAPSED", example = "65200") Long amountDue){
}
