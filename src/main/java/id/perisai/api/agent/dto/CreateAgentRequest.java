package id.perisai.api.agent.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An application to register a Perisai agent; the rules of rules.md §5 decide, field by field. */
@Schema(name = "CreateAgentRequest", description = "A new Perisai agent of the calling partner")
public record CreateAgentRequest(
        @Schema(description = "NIK of the agent, who must be an ACTIVE participant", example = "3201014101900001", required = true) String nik,
        @Schema(description = "Full name", example = "Siti Aminah", required = true) String fullName,
        @Schema(description = "Indonesian mobile number", example = "081234567890", required = true) String phone,
        @Schema(description = "E-mail address", example = "siti.aminah@example.co.id") String email,
        @Schema(description = "Bank of the incentive account; one of the designated banks (PERISAI_AGENT_DESIGNATED_BANKS, by default these)", enumeration = {
                "BNI", "CIMB_NIAGA" }, example = "BNI", required = true) String bankCode,
        @Schema(description = "Account number, 6–20 digits", example = "0123456789", required = true) String bankAccountNumber,
        @Schema(description = "Account holder: the agent's own name", example = "SITI AMINAH", required = true) String bankAccountName,
        @Schema(description = "Highest education (at least SMA/SMK: SD and SMP are refused with EDUCATION_INSUFFICIENT)", enumeration = {
                "SD", "SMP", "SMA", "SMK", "D1", "D2", "D3", "D4", "S1", "S2",
                "S3" }, example = "SMA", required = true) String education){
}
