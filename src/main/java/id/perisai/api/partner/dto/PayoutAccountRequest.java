package id.perisai.api.partner.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PayoutAccountRequest", description = "The account at a designated bank where the partner's incentive fee is paid")
public record PayoutAccountRequest(
        @Schema(description = "A designated bank", enumeration = {
                "BNI",
                "CIMB_NIAGA" }, example = "BNI", required = true) @NotBlank @Pattern(regexp = "[A-Z0-9_]{2,32}", message = "must be a bank code such as BNI or CIMB_NIAGA") String bankCode,
        @Schema(description = "6–20 digits (spaces and dashes are ignored)", example = "0987654321", required = true) @NotBlank @Size(max = 40) String bankAccountNumber,
        @Schema(description = "The account holder, as the bank has it", example = "DPC SPSI KOTA BANDUNG", required = true) @NotBlank @Size(max = 100) @Pattern(regexp = "[\\p{L}\\p{N} .,'&()/-]+", message = "must be letters, digits, spaces and . , ' & ( ) / -") String bankAccountName){
}
