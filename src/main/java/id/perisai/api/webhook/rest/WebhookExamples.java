package id.perisai.api.webhook.rest;

/** Examples of the webhook operations; the ids are those the dev seed creates ({@code WebhookDevSeed}). */
public final class WebhookExamples {

    public static final String ENDPOINT_ID = "5d2e8f1a-3b4c-4d5e-9f60-7a8b9c0d1e2f";
    /** The dev seed's second endpoint: the one the delete example deletes. */
    public static final String SPARE_ENDPOINT_ID = "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910";
    public static final String DELIVERY_ID = "0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b";
    public static final String EVENT_ID = "msg_2f1e0d9c8b7a46958473a2b1c0d9e8f7";

    static final String CREATE = """
            {"url":"https://hooks.wadah.example/perisai","description":"Portal: batch results",
             "events":["batch.completed","batch.failed"]}""";

    static final String CREATED = """
            {"endpointId":"5d2e8f1a-3b4c-4d5e-9f60-7a8b9c0d1e2f","url":"https://hooks.wadah.example/perisai",
             "description":"Portal: batch results","events":["batch.completed","batch.failed"],"status":"ENABLED",
             "secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwJ3cVq7QkP2M=","createdAt":"2026-11-21T03:15:00Z",
             "updatedAt":"2026-11-21T03:15:00Z"}""";

    static final String ENDPOINT = """
            {"endpointId":"5d2e8f1a-3b4c-4d5e-9f60-7a8b9c0d1e2f","url":"https://hooks.wadah.example/perisai",
             "description":"Portal: batch results","events":["batch.completed","batch.failed"],"status":"ENABLED",
             "createdAt":"2026-11-21T03:15:00Z","updatedAt":"2026-11-21T03:15:00Z"}""";

    static final String ROTATED = """
            {"endpointId":"5d2e8f1a-3b4c-4d5e-9f60-7a8b9c0d1e2f","url":"https://hooks.wadah.example/perisai",
             "description":"Portal: batch results","events":["batch.completed","batch.failed"],"status":"ENABLED",
             "secret":"whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD2P8hAeW8tGU=","previousSecretExpiresAt":"2026-11-22T03:20:00Z",
             "createdAt":"2026-11-21T03:15:00Z","updatedAt":"2026-11-21T03:20:00Z"}""";

    static final String PAGE = """
            {"items":[{"endpointId":"5d2e8f1a-3b4c-4d5e-9f60-7a8b9c0d1e2f","url":"https://hooks.wadah.example/perisai",
             "description":"Portal: batch results","events":["batch.completed","batch.failed"],"status":"ENABLED",
             "createdAt":"2026-11-21T03:15:00Z","updatedAt":"2026-11-21T03:15:00Z"}]}""";

    static final String UPDATE = """
            {"events":["batch.completed","batch.failed","statement.closed"],"status":"ENABLED"}""";

    static final String DELIVERY = """
            {"deliveryId":"0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b","eventId":"msg_2f1e0d9c8b7a46958473a2b1c0d9e8f7",
             "eventType":"batch.completed","status":"PENDING","attempts":2,"nextAttemptAt":"2026-11-21T03:20:09Z",
             "firstAttemptAt":"2026-11-21T03:15:04Z","lastAttemptAt":"2026-11-21T03:15:09Z","lastStatusCode":503,
             "createdAt":"2026-11-21T03:15:04Z"}""";

    static final String DELIVERIES = """
            {"items":[{"deliveryId":"0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b","eventId":"msg_2f1e0d9c8b7a46958473a2b1c0d9e8f7",
             "eventType":"batch.completed","status":"SUCCEEDED","attempts":3,"firstAttemptAt":"2026-11-21T03:15:04Z",
             "lastAttemptAt":"2026-11-21T03:20:10Z","lastStatusCode":200,"createdAt":"2026-11-21T03:15:04Z"}]}""";

    static final String URL_REFUSED = """
            {"type":"https://api.perisai.bpjsketenagakerjaan.go.id/problems/unprocessable-content","title":"The request cannot be processed",
             "status":422,"detail":"The webhook URL is not allowed","instance":"/v1/webhook-endpoints",
             "correlationId":"5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11",
             "errors":[{"field":"url","code":"URL_ADDRESS_NOT_ALLOWED","message":"must not point at a loopback, private, link-local, unique-local, multicast or metadata address"}]}""";

    private WebhookExamples() {
    }
}
