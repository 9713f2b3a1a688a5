package id.perisai.api.webhook.dto;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import id.perisai.api.webhook.event.WebhookEventType;
import id.perisai.api.webhook.repository.EndpointStatus;

@Schema(name = "WebhookEndpoint", requiredProperties = { "endpointId", "url", "events", "status",
        "createdAt" }, description = "A webhook endpoint of the partner")
public record WebhookEndpointResponse(
        @Schema(example = "5d2e8f1a-3b4c-4d5e-9f60-7a8b9c0d1e2f") UUID endpointId,
        @Schema(example = "https://hooks.wadah.example/perisai") String url,
        @Schema(example = "Portal: batch results") String description,
        List<WebhookEventType> events,
        @Schema(description = "ENABLED, or DISABLED (by the partner, or by the service after five days of failed deliveries)", example = "ENABLED") EndpointStatus status,
        @Schema(description = "The signing secret (Standard Webhooks `whsec_…`): only in the answer to creating the endpoint and to rotating its secret — store it then, it is never shown again", example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret,
        @Schema(description = "Until when the previous secret also signs (after a rotation)", example = "2026-11-22T03:15:00Z") Instant previousSecretExpiresAt,
        @Schema(example = "2026-11-21T03:15:00Z") Instant createdAt,
        @Schema(example = "2026-11-21T03:15:00Z") Instant updatedAt) {

    public WebhookEndpointResponse withSecret(String newSecret) {
        return new WebhookEndpointResponse(endpointId, url, description, events, status, newSecret,
                previousSecretExpiresAt, createdAt, updatedAt);
    }
}
