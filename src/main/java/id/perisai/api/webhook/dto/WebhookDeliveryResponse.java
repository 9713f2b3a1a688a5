package id.perisai.api.webhook.dto;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import id.perisai.api.webhook.repository.DeliveryStatus;
import id.perisai.api.webhook.repository.WebhookRepository;

@Schema(name = "WebhookDelivery", requiredProperties = { "deliveryId", "eventId", "eventType", "status", "attempts",
        "createdAt" }, description = "An event's delivery to an endpoint and its attempts (the answers' bodies are never stored)")
public record WebhookDeliveryResponse(
        @Schema(example = "0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b") UUID deliveryId,
        @Schema(description = "The event's webhook-id header: the same on every attempt, de-duplicate on it", example = "msg_2f1e0d9c8b7a46958473a2b1c0d9e8f7") String eventId,
        @Schema(example = "batch.completed") String eventType,
        @Schema(description = "PENDING (waiting for its next attempt), SUCCEEDED (a 2xx) or FAILED (the retry schedule is exhausted)", example = "SUCCEEDED") DeliveryStatus status,
        @Schema(description = "Attempts made", example = "1") int attempts,
        @Schema(description = "When the next attempt is due (PENDING only)", example = "2026-11-21T03:20:04Z") Instant nextAttemptAt,
        @Schema(example = "2026-11-21T03:15:04Z") Instant firstAttemptAt,
        @Schema(example = "2026-11-21T03:15:04Z") Instant lastAttemptAt,
        @Schema(description = "HTTP status of the last answer", example = "200") Integer lastStatusCode,
        @Schema(description = "Why the last attempt got no answer: TIMEOUT, CONNECTION_REFUSED, CONNECTION_FAILED, TLS_FAILED, ADDRESS_NOT_ALLOWED (the host resolved to an internal address), HOST_UNRESOLVED, SCHEME_NOT_ALLOWED, URL_INVALID", example = "TIMEOUT") String lastError,
        @Schema(example = "2026-11-21T03:15:04Z") Instant createdAt) {

    public static WebhookDeliveryResponse of(WebhookRepository.Delivery d) {
        return new WebhookDeliveryResponse(d.id(), d.eventId(), d.eventType(), d.status(), d.attempts(),
                d.status() == DeliveryStatus.PENDING ? d.nextAttemptAt() : null, d.firstAttemptAt(), d.lastAttemptAt(),
                d.lastStatusCode(), d.lastError(), d.createdAt());
    }
}
