package id.perisai.api.sponsorship.dto;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A sponsorship's invoice for a month: one document, every line. */
@Schema(name = "SponsorshipInvoice", requiredProperties = { "month", "status", "lines", "excluded", "count", "totalAmount" })
public record InvoiceResponse(
        @Schema(example = "2026-12") String month,
        @Schema(description = "OPEN (computed now: it changes as members and coverage change) or PAID (as it was paid)", enumeration = {
                "OPEN", "PAID" }, example = "OPEN") String status,
        @Schema(description = "Every payable member, by participantId") List<Line> lines,
        @Schema(description = "Members not payable for the month, with the reason") List<Excluded> excluded,
        @Schema(example = "3") int count,
        @Schema(description = "The sum of the lines: the amount a payment must carry", example = "50400") long totalAmount,
        @Schema(description = "PAID: the payment's reference", example = "SP2D-2026-12-0001") String paymentRef){

    /** A member's exact due for the month under the sponsorship's payer type. */
    @Schema(name = "SponsorshipInvoiceLine", requiredProperties = { "participantId", "nikMasked", "amount" })
    public record Line(
            @Schema(example = "4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b") UUID participantId,
            @Schema(example = "3201**********0001") String nikMasked,
            @Schema(example = "AGDEMO000001") String agentCode,
            @Schema(example = "16800") long amount) {
    }

    /** A member left off the invoice. */
    @Schema(name = "SponsorshipInvoiceExclusion", requiredProperties = { "participantId", "reason" })
    public record Excluded(
            @Schema(example = "9c1e4f2a-3d7b-4e5a-860f-2d3e4f5a6b1c") UUID participantId,
            @Schema(enumeration = {
                    "ALREADY_PAID", "LAPSED", "VOID", "NOT_CONTIGUOUS",
                    "NOT_YET_REGISTERED" }, example = "ALREADY_PAID") String reason){
    }
}
