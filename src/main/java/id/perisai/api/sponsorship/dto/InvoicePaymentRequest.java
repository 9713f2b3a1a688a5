package id.perisai.api.sponsorship.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The payment of a month's invoice, as the payer's finance office made it. */
@Schema(name = "InvoicePaymentRequest", requiredProperties = { "paymentRef", "amount",
        "paidAt" }, additionalProperties = Schema.False.class)
public record InvoicePaymentRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:/-]{0,39}") @Schema(description = "The payment's reference, unique per partner (1–40 letters, digits and . _ : / -); each member's contribution gets it with #n appended", pattern = "^[A-Za-z0-9][A-Za-z0-9._:/-]{0,39}$", maxLength = 40, example = "SP2D-2026-12-0001") String paymentRef,
        @NotNull @Min(1) @Max(1_000_000_000_000L) @Schema(description = "Exactly the invoice's totalAmount", minimum = "1", maximum = "1000000000000", example = "50400") Long amount,
        @NotNull @Pattern(regexp = "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{8,15}(Z|[+-][0-9]{2}:[0-9]{2})") @Schema(description = "When the payer paid (RFC 3339 with offset)", format = "date-time", example = "2026-12-05T10:00:00+07:00") String paidAt) {
}
