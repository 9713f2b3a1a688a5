package id.perisai.api.incentive.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What to transfer for a closed period. */
@Schema(name = "Payouts", requiredProperties = { "period", "payouts", "count", "totalAmount",
        "heldAmount" }, description = "Transfers for a closed period: each agent's total and each partner's fee")
public record PayoutResponse(
        @Schema(example = "2026-10") String period,
        @Schema(description = "Partner, then its agents by agentCode, then the partner's fee") List<Payout> payouts,
        @Schema(example = "2") int count,
        @Schema(description = "Rupiah to transfer: the lines not HELD", example = "635580") long totalAmount,
        @Schema(description = "Rupiah of the HELD lines (not to be transferred until the fraud signal is cleared)", example = "0") long heldAmount) {

    /** One transfer. */
    @Schema(name = "Payout", requiredProperties = { "partnerCode", "partnerName", "payee", "amount", "status" })
    public record Payout(
            @Schema(example = "SPSI-DPC-BDG") String partnerCode,
            @Schema(example = "DPC SPSI Kota Bandung") String partnerName,
            @Schema(description = "AGENT or PARTNER (the partner's fee)", enumeration = {
                    "AGENT", "PARTNER" }, example = "AGENT") String payee,
            @Schema(example = "AGK7Q2M9X4PT") String agentCode,
            @Schema(description = "Account holder; absent when the partner has no payout account yet", example = "SITI AMINAH") String accountName,
            @Schema(enumeration = { "BNI", "CIMB_NIAGA" }, example = "BNI") String bankCode,
            @Schema(example = "0123456789") String accountNumber,
            @Schema(description = "Rupiah; negative when reversals exceed what was earned (to be recovered)", example = "577800") long amount,
            @Schema(description = "PAY, or HELD while the agent has an OPEN HIGH fraud signal (not to be transferred; released in the next export once cleared)", enumeration = {
                    "PAY", "HELD" }, example = "PAY") String status){
    }
}
