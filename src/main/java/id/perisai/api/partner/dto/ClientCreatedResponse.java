package id.perisai.api.partner.dto;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ClientCreated", requiredProperties = { "clientId", "clientSecret", "name", "scopes",
        "createdAt" }, description = "A new client with its secret: shown this once, stored only as a slow hash")
public record ClientCreatedResponse(
        @Schema(example = "prc_7kq2m4x9v3b8n5c1z6ta") String clientId,
        @Schema(description = "Keep it safe: it cannot be shown again", example = "prs_Hq3k9wX2vB7nM4cP8tR1yL6jD0fG5sA3eZ9uK2oI7w") String clientSecret,
        @Schema(example = "Union portal production") String name,
        @Schema(example = "[\"agents:read\", \"registrations:write\"]") List<String> scopes,
        @Schema(example = "2026-11-21T03:15:00Z") Instant createdAt) {
}
