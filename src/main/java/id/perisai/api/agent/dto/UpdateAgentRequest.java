package id.perisai.api.agent.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "UpdateAgentRequest", description = "Fields to change (JSON merge patch); absent fields stay as they are")
public record UpdateAgentRequest(
        @Schema(description = "ACTIVE or INACTIVE (SUSPENDED is set by the agency only)", example = "INACTIVE", enumeration = {
                "ACTIVE", "INACTIVE" }) String status,
        @Schema(description = "Indonesian mobile number", example = "081298765432") String phone,
        @Schema(description = "Bank of the incentive account: a designated bank", enumeration = { "BNI",
                "CIMB_NIAGA" }, example = "CIMB_NIAGA") String bankCode,
        @Schema(description = "Account number", example = "9876543210") String bankAccountNumber,
        @Schema(description = "Account holder: the agent's own name", example = "Siti Aminah") String bankAccountName){
}
