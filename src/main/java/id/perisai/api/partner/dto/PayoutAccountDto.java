package id.perisai.api.partner.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PayoutAccount", requiredProperties = { "bankCode", "bankAccountNumberMasked",
        "bankAccountName" }, description = "Where the partner's incentive fee is paid")
public record PayoutAccountDto(
        @Schema(enumeration = {
                "BNI", "CIMB_NIAGA" }, example = "BNI") String bankCode,
        @Schema(example = "******4321") String bankAccountNumberMasked,
        @Schema(example = "DPC SPSI KOTA BANDUNG") String bankAccountName){
}
