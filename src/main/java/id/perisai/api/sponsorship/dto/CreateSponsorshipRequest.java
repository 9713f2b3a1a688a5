package id.perisai.api.sponsorship.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new sponsorship (admin). */
@Schema(name = "CreateSponsorshipRequest", requiredProperties = { "partnerCode", "payerType", "payerName", "reference",
        "fromMonth", "toMonth", "maxMembers" }, additionalProperties = Schema.False.class)
public record CreateSponsorshipRequest(
        @NotBlank @Size(max = 32) @Schema(example = "DEMO-WADAH", maxLength = 32) String partnerCode,
        @NotNull @Pattern(regexp = "GOVERNMENT|DONOR|PARTNER") @Schema(enumeration = {
                "GOVERNMENT", "DONOR",
                "PARTNER" }, example = "GOVERNMENT") String payerType,
        @NotBlank @Size(max = 100) @Schema(maxLength = 100, example = "Pemprov DKI Jakarta — APBD 2026") String payerName,
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:/ -]{0,63}") @Schema(maxLength = 64, pattern = "^[A-Za-z0-9][A-Za-z0-9._:/ -]{0,63}$", example = "APBD-2026-PPSU-01") String reference,
        @NotNull @Pattern(regexp = MONTH) @Schema(pattern = "^" + MONTH + "$", example = "2026-12") String fromMonth,
        @NotNull @Pattern(regexp = MONTH) @Schema(pattern = "^" + MONTH + "$", example = "2027-11") String toMonth,
        @NotNull @Min(1) @Max(1_000_000) @Schema(minimum = "1", maximum = "1000000", example = "2000") Integer maxMembers){

    public static final String MONTH = "[0-9]{4}-(0[1-9]|1[0-2])";
}
