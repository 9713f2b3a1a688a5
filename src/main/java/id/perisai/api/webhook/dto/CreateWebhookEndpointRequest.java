package id.perisai.api.webhook.dto;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import id.perisai.api.webhook.event.WebhookEventType;

@Schema(name = "CreateWebhookEndpointRequest", description = "A URL of the partner's that is told about events")
public record CreateWebhookEndpointRequest(
        @Schema(description = "Where events are POSTed: https, on a public host (an internal address is refused)", example = "https://hooks.wadah.example/perisai", maxLength = 2048) @NotBlank @Size(max = 2048) String url,
        @Schema(description = "What the endpoint is for", example = "Portal: batch results", maxLength = 500) @Size(max = 500) String description,
        @Schema(description = "The event types it receives (at least one)", minItems = 1, maxItems = 10) @NotNull @NotEmpty @Size(max = 10) List<@NotNull WebhookEventType> events) {
}
