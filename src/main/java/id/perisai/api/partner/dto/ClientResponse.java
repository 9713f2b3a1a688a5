package id.perisai.api.partner.dto;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Client", requiredProperties = { "clientId", "name", "scopes", "status",
        "createdAt" }, description = "An OAuth2 client of a partner (its secret is never shown again)")
public record ClientResponse(
        @Schema(example = "prc_7kq2m4x9v3b8n5c1z6ta") String clientId,
        @Schema(example = "Union portal production") String name,
        @Schema(example = "[\"agents:read\", \"registrations:write\"]") List<String> scopes,
        @Schema(example = "ACTIVE", enumeration = {
                "ACTIVE", "REVOKED" }) String status,
        @Schema(example = "2026-11-21T03:15:00Z") Instant createdAt,
        @Schema(example = "2026-11-21T04:00:00Z") Instant lastUsedAt,
        Instant revokedAt){
}
