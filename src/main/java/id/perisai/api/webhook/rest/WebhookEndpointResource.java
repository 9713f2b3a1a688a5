package id.perisai.api.webhook.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import id.perisai.api.common.problem.Problem;
import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.common.web.PublicLinks;
import id.perisai.api.common.web.QueryParams;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import id.perisai.api.webhook.dto.CreateWebhookEndpointRequest;
import id.perisai.api.webhook.dto.UpdateWebhookEndpointRequest;
import id.perisai.api.webhook.dto.WebhookDeliveryResponse;
import id.perisai.api.webhook.dto.WebhookEndpointResponse;
import id.perisai.api.webhook.repository.DeliveryStatus;
import id.perisai.api.webhook.service.WebhookEndpointService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The calling partner's webhook endpoints and their deliveries (events.md, Standard Webhooks). */
@Path("/v1/webhook-endpoints")
@Tag(name = "Webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Scopes.WEBHOOKS_MANAGE)
public class WebhookEndpointResource {

    static final String ENDPOINT_ID = "Webhook endpoint id";

    @Inject
    SecurityIdentity identity;

    private final WebhookEndpointService endpoints;
    private final PublicLinks links;

    public WebhookEndpointResource(WebhookEndpointService endpoints, PublicLinks links) {
        this.endpoints = endpoints;
        this.links = links;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhookEndpoint", summary = "Register a webhook endpoint", description = """
            Events of the chosen types are POSTed to the URL as Standard Webhooks (https://www.standardwebhooks.com):
            headers `webhook-id` (the same on every retry: de-duplicate on it), `webhook-timestamp` and
            `webhook-signature` (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the secret's bytes). Verify
            them with a Standard Webhooks library (see the `webhooks` section of this document for the payloads).

            The answer holds the signing `secret` (`whsec_…`) — the only time it is shown: it is stored encrypted.
            The URL must be `https` and its host public: a URL naming a loopback, private, link-local, unique-local,
            multicast or metadata address is a 422; the host is resolved again at every delivery and refused then
            when it points inside a network.""")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateWebhookEndpointRequest.class), examples = @ExampleObject(name = "endpoint", value = WebhookExamples.CREATE)))
    @APIResponse(responseCode = "201", description = "Registered; Location points to the endpoint; the secret is shown only here", content = @Content(schema = @Schema(implementation = WebhookEndpointResponse.class), examples = @ExampleObject(name = "created", value = WebhookExamples.CREATED)))
    @APIResponse(responseCode = "422", description = "The URL is not https or points at an internal address", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "refused", value = WebhookExamples.URL_REFUSED)))
    public Uni<RestResponse<WebhookEndpointResponse>> create(@NotNull @Valid CreateWebhookEndpointRequest body) {
        return endpoints.create(body, Caller.of(identity))
                .map(created -> links.created(created, "v1/webhook-endpoints", created.endpointId().toString()));
    }

    @GET
    @Operation(operationId = "listWebhookEndpoints", summary = "List the partner's webhook endpoints", description = "Endpoints in the order they were registered, a page at a time (secrets are never shown again).")
    @APIResponse(responseCode = "200", description = "A page of endpoints", content = @Content(schema = @Schema(implementation = EndpointPage.class), examples = @ExampleObject(name = "page", value = WebhookExamples.PAGE)))
    public Uni<Page<WebhookEndpointResponse>> list(
            @Parameter(description = "Page size, 1–500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return endpoints.list(Caller.of(identity), PageRequest.of(limit, cursor));
    }

    @GET
    @Path("{endpointId}")
    @Operation(operationId = "getWebhookEndpoint", summary = "Get a webhook endpoint", description = "One of the partner's endpoints; another partner's is a 404.")
    @APIResponse(responseCode = "200", description = "The endpoint", content = @Content(schema = @Schema(implementation = WebhookEndpointResponse.class), examples = @ExampleObject(name = "endpoint", value = WebhookExamples.ENDPOINT)))
    public Uni<WebhookEndpointResponse> get(
            @Parameter(description = ENDPOINT_ID, example = WebhookExamples.ENDPOINT_ID) @PathParam("endpointId") String endpointId) {
        return endpoints.get(Caller.of(identity), endpointId);
    }

    @PATCH
    @Path("{endpointId}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(operationId = "updateWebhookEndpoint", summary = "Change a webhook endpoint", description = """
            Changes the URL (same rules as at registration), the description, the event types, or the status:
            DISABLED stops new deliveries, ENABLED resumes them — also for an endpoint the service disabled after
            five days in which every delivery failed.""")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = UpdateWebhookEndpointRequest.class), examples = @ExampleObject(name = "events", value = WebhookExamples.UPDATE)))
    @APIResponse(responseCode = "200", description = "The endpoint after the change", content = @Content(schema = @Schema(implementation = WebhookEndpointResponse.class), examples = @ExampleObject(name = "endpoint", value = WebhookExamples.ENDPOINT)))
    @APIResponse(responseCode = "422", description = "The new URL is not https or points at an internal address", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "refused", value = WebhookExamples.URL_REFUSED)))
    public Uni<WebhookEndpointResponse> update(
            @Parameter(description = ENDPOINT_ID, example = WebhookExamples.ENDPOINT_ID) @PathParam("endpointId") String endpointId,
            @NotNull @Valid UpdateWebhookEndpointRequest body) {
        return endpoints.update(Caller.of(identity), endpointId, body);
    }

    @DELETE
    @Path("{endpointId}")
    @Operation(operationId = "deleteWebhookEndpoint", summary = "Delete a webhook endpoint", description = "Deletes the endpoint with its delivery log; nothing more is sent to it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<RestResponse<Void>> delete(
            @Parameter(description = ENDPOINT_ID, example = WebhookExamples.SPARE_ENDPOINT_ID) @PathParam("endpointId") String endpointId) {
        return endpoints.delete(Caller.of(identity), endpointId).map(v -> RestResponse.noContent());
    }

    @POST
    @Path("{endpointId}/rotate-secret")
    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate an endpoint's signing secret", description = """
            Makes a new secret (shown only in this answer). For the next 24 hours every delivery carries two
            signatures in `webhook-signature`, one with the new secret and one with the previous, so the receiver
            can switch at its own pace; then only the new one signs.""")
    @APIResponse(responseCode = "200", description = "The endpoint with its new secret", content = @Content(schema = @Schema(implementation = WebhookEndpointResponse.class), examples = @ExampleObject(name = "rotated", value = WebhookExamples.ROTATED)))
    public Uni<WebhookEndpointResponse> rotate(
            @Parameter(description = ENDPOINT_ID, example = WebhookExamples.ENDPOINT_ID) @PathParam("endpointId") String endpointId) {
        return endpoints.rotate(Caller.of(identity), endpointId);
    }

    @GET
    @Path("{endpointId}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The endpoint's delivery log", description = """
            Deliveries newest first: attempts, the last status code or error, and when the next attempt is due. A
            delivery is retried with exponential backoff and jitter (about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h)
            until it gets a 2xx within 5 s, else it is FAILED; answers are never stored.""")
    @APIResponse(responseCode = "200", description = "A page of deliveries", content = @Content(schema = @Schema(implementation = DeliveryPage.class), examples = @ExampleObject(name = "page", value = WebhookExamples.DELIVERIES)))
    public Uni<Page<WebhookDeliveryResponse>> deliveries(
            @Parameter(description = ENDPOINT_ID, example = WebhookExamples.ENDPOINT_ID) @PathParam("endpointId") String endpointId,
            @Parameter(description = "Only deliveries with this status", schema = @Schema(implementation = DeliveryStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "Page size, 1–500", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50", minimum = "1", maximum = "500")) @QueryParam("limit") String limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return endpoints.deliveries(Caller.of(identity), endpointId,
                QueryParams.enumValue(status, DeliveryStatus.class, "status"), page);
    }

    @POST
    @Path("{endpointId}/deliveries/{deliveryId}/retry")
    @Operation(operationId = "retryWebhookDelivery", summary = "Retry a delivery now", description = """
            One more attempt at once, whatever the delivery's state: a FAILED delivery becomes PENDING again (and
            FAILED again if this attempt fails too), a SUCCEEDED one is sent again with the same `webhook-id`.""")
    @APIResponse(responseCode = "202", description = "Due now; the answer shows the delivery before the attempt", content = @Content(schema = @Schema(implementation = WebhookDeliveryResponse.class), examples = @ExampleObject(name = "pending", value = WebhookExamples.DELIVERY)))
    public Uni<RestResponse<WebhookDeliveryResponse>> retry(
            @Parameter(description = ENDPOINT_ID, example = WebhookExamples.ENDPOINT_ID) @PathParam("endpointId") String endpointId,
            @Parameter(description = "Delivery id", example = WebhookExamples.DELIVERY_ID) @PathParam("deliveryId") String deliveryId) {
        return endpoints.retry(Caller.of(identity), endpointId, deliveryId).map(d -> RestResponse.accepted(d));
    }

    /** Documentation type of a page of endpoints. */
    @Schema(name = "WebhookEndpointPage")
    record EndpointPage(java.util.List<WebhookEndpointResponse> items, String nextCursor) {
    }

    /** Documentation type of a page of deliveries. */
    @Schema(name = "WebhookDeliveryPage")
    record DeliveryPage(java.util.List<WebhookDeliveryResponse> items, String nextCursor) {
    }
}
