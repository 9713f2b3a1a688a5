package id.perisai.api.fraud.dto;

import java.time.OffsetDateTime;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A fraud signal (growth.md §4); its evidence holds counts, ids, masked NIKs and keyed hashes, never plaintext. */
@Schema(name = "FraudSignal", requiredProperties = { "signalId", "type", "severity", "status", "raisedAt",
        "evidence" })
public record FraudSignalResponse(
        @Schema(format = "uuid", example = "5d1c7e3a-9b2f-4c6d-8e1a-2f3b4c5d6e7f") String signalId,
        @Schema(enumeration = {
                "SHARED_PHONE", "AGENT_VELOCITY", "SEQUENTIAL_NIKS", "FIRST_PAYMENT_ONLY",
                "AGENT_SELF_DEALING" }, example = "AGENT_SELF_DEALING") String type,
        @Schema(description = "HIGH signals hold the agent's payouts while OPEN", enumeration = { "LOW",
                "HIGH" }, example = "HIGH") String severity,
        @Schema(enumeration = { "OPEN", "CLEARED", "CONFIRMED" }, example = "OPEN") String status,
        @Schema(example = "2026-11-20T10:15:30Z") OffsetDateTime raisedAt,
        @Schema(example = "DEMO-WADAH") String partnerCode,
        @Schema(example = "AGDEMO000001") String agentCode,
        @Schema(type = SchemaType.OBJECT, description = "What the rule saw: counts, ids, masked NIKs, keyed hashes; never plaintext personal data", example = "{\"participantId\":\"4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b\",\"nikMasked\":\"3201**********0003\"}") Map<String, Object> evidence,
        @Schema(example = "2026-11-21T08:00:00Z") OffsetDateTime resolvedAt,
        @Schema(example = "Checked with the branch office: the agent's own family member") String note){
}
