package id.perisai.api.contribution.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What to price: a participant (by NIK, in the body), the months and who pays. */
@Schema(name = "QuoteRequest")
public record QuoteRequest(
        @Schema(example = "3201016502920003", required = true) String nik,
        @Schema(description = "First covered month, YYYY-MM", example = "2026-11", required = true) String periodStart,
        @Schema(description = "Number of months, 1–12", example = "2", required = true) Integer months,
        @Schema(example = "SELF", enumeration = {
                "SELF", "PARTNER", "GOVERNMENT", "DONOR" }, required = true) String payerType){
}
