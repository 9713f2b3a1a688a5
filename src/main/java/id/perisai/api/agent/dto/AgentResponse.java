package id.perisai.api.agent.dto;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import id.perisai.api.agent.repository.AgentStatus;

@Schema(name = "Agent", requiredProperties = { "agentCode", "status", "nikMasked", "fullName", "phone", "bankCode",
        "bankAccountNumberMasked", "bankAccountName", "education", "createdAt",
        "updatedAt" }, description = "A Perisai agent (NIK and account number shown masked)")
public record AgentResponse(
        @Schema(example = "AG7K2M4X9V3B") String agentCode,
        @Schema(example = "ACTIVE") AgentStatus status,
        @Schema(example = "3201**********0001") String nikMasked,
        @Schema(example = "Siti Aminah") String fullName,
        @Schema(example = "+6281234567890") String phone,
        @Schema(example = "siti.aminah@example.co.id") String email,
        @Schema(description = "A designated bank", enumeration = {
                "BNI", "CIMB_NIAGA" }, example = "BNI") String bankCode,
        @Schema(example = "******6789") String bankAccountNumberMasked,
        @Schema(example = "SITI AMINAH") String bankAccountName,
        @Schema(enumeration = { "SD", "SMP", "SMA", "SMK", "D1", "D2", "D3", "D4", "S1", "S2",
                "S3" }, example = "SMA") String education,
        @Schema(example = "2026-11-21T03:15:00Z") Instant createdAt,
        @Schema(example = "2026-11-21T03:15:00Z") Instant updatedAt){
}
