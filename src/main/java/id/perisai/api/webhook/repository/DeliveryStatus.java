package id.perisai.api.webhook.repository;

/** Where a delivery stands, as stored in {@code webhook_delivery.status}. */
public enum DeliveryStatus {
    /** Not yet answered with a 2xx: waiting for its next attempt. */
    PENDING,
    /** An attempt got a 2xx. */
    SUCCEEDED,
    /** Every attempt of the retry schedule failed (a manual retry makes it PENDING again). */
    FAILED
}
