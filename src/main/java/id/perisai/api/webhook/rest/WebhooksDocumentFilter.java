package id.perisai.api.webhook.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The OpenAPI 3.1 {@code webhooks} section: what the service POSTs to a partner's endpoints, with the Standard Webhooks
 * headers and the payload schema of each event type that is emitted ({@code batch.completed}, {@code batch.failed},
 * {@code sponsorship.invoice.paid}, {@code statement.closed}, {@code participant.lapsed}).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class WebhooksDocumentFilter implements OASFilter {

    static final String EVENT_SCHEMA = "BatchEvent";

    static final String EXAMPLE = """
            {"type":"batch.completed","timestamp":"2026-11-21T03:15:04.120Z",
             "data":{"batchId":"8c4f3a2e-1b7d-4e9a-9c21-5d0f6a7b8c90","kind":"REGISTRATION","status":"COMPLETED",
                     "dryRun":false,"submittedAt":"2026-11-21T03:15:00Z","completedAt":"2026-11-21T03:15:04Z",
                     "totals":{"received":1000,"accepted":950,"duplicate":30,"rejected":20}}}""";

    static final String INVOICE_PAID_SCHEMA = "SponsorshipInvoicePaidEvent";

    static final String INVOICE_PAID_EXAMPLE = """
            {"type":"sponsorship.invoice.paid","timestamp":"2026-12-05T03:00:01.250Z",
             "data":{"sponsorshipId":"3f6b1c2d-7a8e-4f90-b1c2-d3e4f5a6b7c8","month":"2026-12","payerType":"GOVERNMENT",
                     "paymentRef":"SP2D-2026-12-0001","count":3,"totalAmount":110400,
                     "paidAt":"2026-12-05T03:00:00Z","acceptedAt":"2026-12-05T03:00:01.2Z"}}""";

    static final String STATEMENT_CLOSED_SCHEMA = "StatementClosedEvent";

    static final String STATEMENT_CLOSED_EXAMPLE = """
            {"type":"statement.closed","timestamp":"2026-11-03T02:00:00.310Z",
             "data":{"period":"2026-10","scheme":"PERISAI-2022","closedAt":"2026-11-03T02:00:00.120Z","agents":12,
                     "agentTotal":15250000,"partnerFee":1525000,"grandTotal":16775000}}""";

    static final String PARTICIPANT_LAPSED_SCHEMA = "ParticipantLapsedEvent";

    static final String PARTICIPANT_LAPSED_EXAMPLE = """
            {"type":"participant.lapsed","timestamp":"2026-10-31T17:05:00.412Z",
             "data":{"lapsedOn":"2026-11-01","participantIds":["0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a6",
                     "0192f3a4-5b6c-7d8e-9fa0-b1c2d3e4f5a7"]}}""";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addSchema(EVENT_SCHEMA, eventSchema());
        openAPI.getComponents().addSchema(INVOICE_PAID_SCHEMA, envelope("sponsorship.invoice.paid",
                "The body of `sponsorship.invoice.paid` (Standard Webhooks: `type`, `timestamp`, `data`)",
                object("The paid invoice: no personal data (read its lines from the invoice)",
                        List.of("sponsorshipId", "month", "payerType", "paymentRef", "count", "totalAmount", "paidAt",
                                "acceptedAt"),
                        Map.of("sponsorshipId", string().format("uuid"),
                                "month", string().pattern("^[0-9]{4}-[0-9]{2}$").description("The invoiced month"),
                                "payerType", string().maxLength(40),
                                "paymentRef", string().maxLength(64),
                                "count", integer().description("Contributions recorded, one per invoice line"),
                                "totalAmount", integer().description("Rupiah"),
                                "paidAt", string().format("date-time"),
                                "acceptedAt", string().format("date-time")))));
        openAPI.getComponents().addSchema(STATEMENT_CLOSED_SCHEMA, envelope("statement.closed",
                "The body of `statement.closed` (Standard Webhooks: `type`, `timestamp`, `data`)",
                object("The partner's frozen statement of the closed period (read its agents from the statement)",
                        List.of("period", "scheme", "closedAt", "agents", "agentTotal", "partnerFee", "grandTotal"),
                        Map.of("period", string().pattern("^[0-9]{4}-[0-9]{2}$"),
                                "scheme", string().maxLength(64).description("The incentive scheme in force"),
                                "closedAt", string().format("date-time"),
                                "agents", integer().description("Agents on the partner's statement"),
                                "agentTotal", integer().description("Rupiah"),
                                "partnerFee", integer().description("Rupiah"),
                                "grandTotal", integer().description("Rupiah")))));
        openAPI.getComponents().addSchema(PARTICIPANT_LAPSED_SCHEMA, envelope("participant.lapsed",
                "The body of `participant.lapsed` (Standard Webhooks: `type`, `timestamp`, `data`)",
                OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                        .description("Participants the partner manages that lapsed that day: ids only (read a"
                                + " participant with GET /v1/participants/{participantId})")
                        .required(List.of("lapsedOn", "participantIds"))
                        .additionalPropertiesSchema(OASFactory.createSchema().booleanSchema(false))
                        .properties(ordered("lapsedOn", string().format("date").description(
                                "The day (from 00:00 WIB) the participants lapsed: the first day of the fourth month"
                                        + " after their first unpaid one, the collection list's `lapsesOn`"),
                                "participantIds", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                                        .items(string().format("uuid")).minItems(1).maxItems(1000)
                                        .description("At most 1,000 per event; more lapses that day come as more"
                                                + " events, and each participant's lapse is in exactly one")))));
        if (openAPI.getTags() == null || openAPI.getTags().stream().noneMatch(t -> "Webhooks".equals(t.getName()))) {
            openAPI.addTag(OASFactory.createTag().name("Webhooks").description(
                    "The partner's webhook endpoints and their delivery logs, and the events POSTed to them"));
        } else {
            openAPI.getTags().stream().filter(t -> "Webhooks".equals(t.getName()) && t.getDescription() == null)
                    .forEach(t -> t.setDescription(
                            "The partner's webhook endpoints and their delivery logs, and the events POSTed to them"));
        }
        openAPI.addWebhook("batch.completed", webhook("batchCompletedWebhook", "A batch of any kind COMPLETED",
                "Every record of the batch has its outcome; `data` is the batch with its kind, as GET on the batch"
                        + " answers it. Read the per-record results from the batch's records.",
                EVENT_SCHEMA, EXAMPLE));
        openAPI.addWebhook("batch.failed", webhook("batchFailedWebhook", "A batch of any kind FAILED",
                "The batch was given up after too many processing attempts; `data` is the batch with its kind.",
                EVENT_SCHEMA, EXAMPLE));
        openAPI.addWebhook("sponsorship.invoice.paid", webhook("sponsorshipInvoicePaidWebhook",
                "A sponsorship invoice was paid",
                "Sent by the payment's own transaction: the invoice's contributions are recorded.", INVOICE_PAID_SCHEMA,
                INVOICE_PAID_EXAMPLE));
        openAPI.addWebhook("statement.closed", webhook("statementClosedWebhook", "An incentive period closed",
                "Sent by the closing transaction to each partner with a statement in the period: its frozen totals.",
                STATEMENT_CLOSED_SCHEMA, STATEMENT_CLOSED_EXAMPLE));
        openAPI.addWebhook("participant.lapsed", webhook("participantLapsedWebhook",
                "Participants the partner manages lapsed",
                "Sent daily after 00:00 WIB by the lapse job, which records each lapse it announces in the same"
                        + " transaction: every participant's lapse is announced once (re-registering the worker"
                        + " reactivates them; a later lapse is announced again).",
                PARTICIPANT_LAPSED_SCHEMA, PARTICIPANT_LAPSED_EXAMPLE));
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }

    private static Schema integer() {
        return OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int64");
    }

    private static Schema object(String description, List<String> required, Map<String, Schema> properties) {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description(description).required(required)
                .additionalPropertiesSchema(OASFactory.createSchema().booleanSchema(false))
                .properties(new java.util.TreeMap<>(properties));
    }

    private static Schema envelope(String type, String description, Schema data) {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description(description)
                .required(List.of("type", "timestamp", "data"))
                .properties(ordered("type", string().enumeration(List.of(type)),
                        "timestamp", string().format("date-time"), "data", data));
    }

    private static Schema eventSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema data = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("The batch that finished, with its kind")
                .required(List.of("batchId", "kind", "status", "dryRun", "submittedAt", "totals"))
                .additionalPropertiesSchema(OASFactory.createSchema().booleanSchema(false))
                .properties(ordered(
                        "batchId", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uuid"),
                        "kind", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                                .description("The kind of batch, e.g. REGISTRATION or CONTRIBUTION").maxLength(40),
                        "parent", OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(64)
                                .description("The parent resource of kinds submitted under one"),
                        "status", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                                .enumeration(List.of("COMPLETED", "FAILED")),
                        "dryRun", OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN),
                        "submittedAt", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("date-time"),
                        "completedAt", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("date-time"),
                        "totals", OASFactory.createSchema().ref("#/components/schemas/BatchTotals")));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("The body of a batch event (Standard Webhooks: `type`, `timestamp`, `data`)")
                .required(List.of("type", "timestamp", "data"))
                .properties(ordered("type", string.enumeration(List.of("batch.completed", "batch.failed")),
                        "timestamp", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("date-time"),
                        "data", data));
    }

    private static PathItem webhook(String operationId, String summary, String description, String schema,
            String example) {
        return OASFactory.createPathItem().POST(OASFactory.createOperation().operationId(operationId)
                .summary(summary)
                .description(description + " Sent as Standard Webhooks: verify `webhook-signature` (`v1,` + base64"
                        + " HMAC-SHA256 of `webhook-id.webhook-timestamp.body` with the secret's bytes; two signatures"
                        + " during a secret rotation) with a Standard Webhooks library, refuse old timestamps, and"
                        + " de-duplicate on `webhook-id` (delivery is at least once).")
                .addTag("Webhooks")
                // a receiver authenticates the request by its signature: no OAuth2 token is sent
                .security(List.of(OASFactory.createSecurityRequirement()))
                .parameters(List.of(header("webhook-id", "The event's id, the same on every retry"),
                        header("webhook-timestamp", "Seconds since the epoch when this attempt was signed"),
                        header("webhook-signature", "Space-separated `v1,<base64>` signatures")))
                .requestBody(OASFactory.createRequestBody().required(true).content(OASFactory.createContent()
                        .addMediaType("application/json", OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("#/components/schemas/" + schema))
                                .addExample(EVENT_SCHEMA.equals(schema) ? "completed" : "event",
                                        OASFactory.createExample().value(parse(example))))))
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse()
                        .description("Any 2xx within 5 s acknowledges the event; anything else, or no answer, is"
                                + " retried with exponential backoff for at least 24 hours"))));
    }

    /** Properties in the order given: {@code Map.of} iterates in an order that changes from one JVM to the next. */
    private static Map<String, Schema> ordered(Object... namesAndSchemas) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            properties.put((String) namesAndSchemas[i], (Schema) namesAndSchemas[i + 1]);
        }
        return properties;
    }

    private static Parameter header(String name, String description) {
        return OASFactory.createParameter().name(name).in(Parameter.In.HEADER).required(true).description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).maxLength(1024));
    }

    private static Object parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
