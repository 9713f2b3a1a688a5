package id.perisai.api.sponsorship.dto;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A paid invoice: one contribution per line. */
@Schema(name = "InvoicePayment", requiredProperties = { "paymentRef", "month", "count", "totalAmount", "contributionIds" })
public record InvoicePaymentResponse(
        @Schema(example = "SP2D-2026-12-0001") String paymentRef,
        @Schema(example = "2026-12") String month,
        @Schema(example = "3") int count,
        @Schema(example = "50400") long totalAmount,
        @Schema(description = "The contributions recorded, in the order of the invoice's lines") List<UUID> contributionIds) {
}
