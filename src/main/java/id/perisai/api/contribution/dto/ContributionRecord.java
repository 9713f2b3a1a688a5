package id.perisai.api.contribution.dto;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import id.perisai.api.contribution.rules.PayerType;

/**
 * Documentation only: one record of a contribution batch (rules.md §4), as the OpenAPI document describes it. The
 * batch is read as a stream and validated by {@code ContributionRecordValidator}; this type is never deserialised.
 */
@Schema(name = "ContributionRecord", description = "A payment for consecutive months of one participant (rules.md §4). An invalid"
        + " payment is REJECTED with every reason; it does not make the batch fail.", requiredProperties = {
                "paymentRef", "nik", "periodStart", "months", "amount", "payerType",
                "paidAt" }, additionalProperties = Schema.False.class)
public record ContributionRecord(
        @Schema(description = "The partner's own reference, echoed in the results (at most 64 characters)", maxLength = 64, example = "pay-1") String externalRef,
        @Schema(description = "The payment's reference, unique per partner (1–64 letters, digits and . _ : / -)", pattern = "^[A-Za-z0-9._:/-]{1,64}$", example = "TRX-2026-11-0001") String paymentRef,
        @Schema(description = "NIK of the participant paid for", example = "3201014101900001") String nik,
        @Schema(description = "First covered month (YYYY-MM): the participant's first unpaid month", pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$", example = "2026-11") String periodStart,
        @Schema(description = "Consecutive months covered", minimum = "1", maximum = "12", example = "2") int months,
        @Schema(description = "Whole rupiah: exactly the amount due (see quoteContribution)", minimum = "1", example = "56800") long amount,
        @Schema(example = "SELF") PayerType payerType,
        @Schema(description = "Who paid; required unless payerType is SELF", maxLength = 200, example = "Pemprov Jawa Barat (APBD)") String payerName,
        @Schema(description = "When the payment was made (RFC 3339 with offset)", example = "2026-11-20T09:30:00+07:00") OffsetDateTime paidAt) {

    /** Documentation only: the JSON body of a contribution batch. */
    @Schema(name = "ContributionBatchRequest", description = "A contribution batch as JSON: up to the partner's maxBatchRecords records", requiredProperties = "records", additionalProperties = Schema.False.class)
    public record Batch(@Schema(minItems = 1, maxItems = 1000000) List<ContributionRecord> records) {
    }
}
