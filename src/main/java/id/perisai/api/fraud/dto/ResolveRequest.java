package id.perisai.api.fraud.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The review of a signal. */
@Schema(name = "ResolveFraudSignal", requiredProperties = { "resolution" })
public record ResolveRequest(
        @Schema(enumeration = {
                "CLEARED", "CONFIRMED" }, example = "CLEARED") String resolution,
        @Schema(maxLength = 500, example = "Checked with the branch office: the agent's own family member") String note,
        @Schema(description = "With CONFIRMED on a signal naming an agent: suspend the agent (it earns nothing and cannot be named on registrations)", example = "false") Boolean suspendAgent){
}
