package id.perisai.api.webhook.dto;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import id.perisai.api.webhook.event.WebhookEventType;
import id.perisai.api.webhook.repository.EndpointStatus;

@Schema(name = "UpdateWebhookEndpointRequest", description = "Fields to change (JSON merge patch); absent fields stay as they are")
public record UpdateWebhookEndpointRequest(
        @Schema(description = "New URL (https, public host)", example = "https://hooks.wadah.example/perisai/v2", maxLength = 2048) @Size(min = 1, max = 2048) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String url,
        @Schema(description = "New description", example = "Portal: batch results", maxLength = 500) @Size(max = 500) String description,
        @Schema(description = "The event types it receives from now on (at least one)", minItems = 1, maxItems = 10) @Size(min = 1, max = 10) List<@NotNull WebhookEventType> events,
        @Schema(description = "DISABLED stops new deliveries; ENABLED again resumes them (also after the service disabled the endpoint)", example = "ENABLED") EndpointStatus status) {
}
