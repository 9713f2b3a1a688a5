package id.perisai.api.contribution.dto;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Quote", requiredProperties = { "amount", "months" }, description = "The exact amount due, month by month")
public record QuoteResponse(@Schema(description = "Total due, rupiah", example = "56800") long amount, List<MonthDue> months) {

    /** One covered month. */
    @Schema(name = "MonthDue", requiredProperties = { "month", "jkk", "jkm", "jht", "discounted" })
    public record MonthDue(
            @Schema(description = "YYYY-MM", example = "2026-11") String month,
            @Schema(example = "5000") long jkk,
            @Schema(example = "3400") long jkm,
            @Schema(example = "20000") long jht,
            @Schema(description = "Whether the PP 50/2025 discount applied", example = "true") boolean discounted) {
    }
}
