package id.perisai.api.partner.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PayoutAccount", description = "Where the partner's incentive fee is paid")
public record PayoutAccountDto(
        @Schema(example = "BNI") String bankCode,
        @Schema(example = "******4321") String bankAccountNumberMasked,
        @Schema(example = "DPC SPSI KOTA BANDUNG") String bankAccountName) {
}
