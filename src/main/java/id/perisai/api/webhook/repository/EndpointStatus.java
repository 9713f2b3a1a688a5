package id.perisai.api.webhook.repository;

/** Whether an endpoint receives events, as stored in {@code webhook_endpoint.status}. */
public enum EndpointStatus {
    /** Events it subscribes to are delivered. */
    ENABLED,
    /** No new deliveries (by the partner, or after failing every delivery for five days); pending ones wait. */
    DISABLED
}
