package id.perisai.api.batch.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import id.perisai.api.common.openapi.OpenApiOperations;
import id.perisai.api.common.openapi.ProblemResponsesFilter;
import id.perisai.api.common.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents once what every kind of batch shares, so that a kind's resource declares only what is its own (path,
 * scopes, summary, description, examples): the operations marked {@code x-batch-operation} get the engine's
 * parameters ({@code Idempotency-Key} and {@code dryRun} on submissions, paging on lists and results, the outcome
 * filter on results), the 202's headers, and the problems every upload can meet (408, 409, 422, 429
 * {@code too-many-uploads}, 503); other bulk uploads ({@code upload}) get the problems of receiving a body. The marker
 * is removed. Runs when the app is built.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class BatchOperationsFilter implements OASFilter {

    /** The extension a kind's resource puts on each batch operation: {@code submit}, {@code list}, {@code records}. */
    public static final String MARKER = "x-batch-operation";
    public static final String SUBMIT = "submit";
    public static final String LIST = "list";
    public static final String RECORDS = "records";
    /** Another bulk upload (not a batch): only the problems of receiving its body (408, 429, 503). */
    public static final String UPLOAD = "upload";

    static final String BASE = "https://api.perisai.bpjsketenagakerjaan.go.id/problems/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        OpenApiOperations.forEach(openAPI, (path, operation) -> {
            Object marker = marker(operation);
            if (marker == null) {
                return;
            }
            switch (marker.toString()) {
                case SUBMIT -> submission(path, operation);
                case UPLOAD -> receiving(path, operation.getResponses());
                case LIST -> paging(path, operation);
                case RECORDS -> {
                    parameter(operation, query("status", "Only records with this outcome", string()
                            .addEnumeration("ACCEPTED").addEnumeration("DUPLICATE").addEnumeration("REJECTED")));
                    paging(path, operation);
                }
                default -> throw new IllegalStateException("unknown batch operation " + marker);
            }
        });
    }

    /**
     * The marker, removed from the document. The scanner copies a method's {@code @Extension} onto every element it
     * builds from that method (the operation, its request body, its responses), so it is taken out of all of them.
     */
    private static Object marker(Operation operation) {
        Object marker = take(operation);
        if (operation.getRequestBody() != null) {
            marker = first(marker, take(operation.getRequestBody()));
        }
        if (operation.getParameters() != null) {
            for (Parameter p : operation.getParameters()) {
                marker = first(marker, take(p));
            }
        }
        APIResponses responses = operation.getResponses();
        if (responses != null) {
            marker = first(marker, take(responses));
            if (responses.getAPIResponses() != null) {
                for (APIResponse response : responses.getAPIResponses().values()) {
                    marker = first(marker, take(response));
                }
            }
        }
        return marker;
    }

    private static Object take(org.eclipse.microprofile.openapi.models.Extensible<?> element) {
        if (element.getExtensions() == null || !element.getExtensions().containsKey(MARKER)) {
            return null;
        }
        Object marker = element.getExtensions().get(MARKER);
        element.removeExtension(MARKER);
        return marker;
    }

    private static Object first(Object a, Object b) {
        return a != null ? a : b;
    }

    private static void submission(String path, Operation operation) {
        parameter(operation, OASFactory.createParameter().name("Idempotency-Key").in(Parameter.In.HEADER).required(true)
                .description("Unique per request (1–255 visible ASCII characters): retries of one request carry the "
                        + "same key; the same key with another body is a 422. Keys are per partner and kept 24 hours")
                .schema(string().minLength(1).maxLength(255).pattern("^[\\x21-\\x7E]{1,255}$"))
                .example("3f1c7a52-batch-2026-11-21-001"));
        parameter(operation, query("dryRun", "Validate and decide only; store nothing and consume no quota",
                OASFactory.createSchema().addType(SchemaType.BOOLEAN).defaultValue(false)));
        APIResponses responses = operation.getResponses();
        APIResponse accepted = responses.getAPIResponse("202");
        if (accepted != null) {
            accepted.addHeader("Location", OASFactory.createHeader().description("The batch (a relative link)")
                    .schema(string()));
            accepted.addHeader("Idempotent-Replayed", OASFactory.createHeader()
                    .description("`true` when this is the stored answer to an earlier request with the same "
                            + "Idempotency-Key (nothing was done again)")
                    .schema(string().addEnumeration("true")));
        }
        problem(responses, "409", "A request with this Idempotency-Key is still being accepted; Retry-After says when "
                + "to ask again", "idempotency-key-in-flight", "A request with this Idempotency-Key is still being processed",
                "The first request with this Idempotency-Key is still being accepted; retry when it has finished", path,
                "5");
        problem(responses, "422", "The Idempotency-Key was used for a different request (another body or options)",
                "idempotency-key-reused", "The Idempotency-Key was used for a different request",
                "This Idempotency-Key was used with a different body or options; use a new key for a new request",
                path, null);
        receiving(path, responses);
    }

    /** What receiving any bulk upload's body can answer. */
    private static void receiving(String path, APIResponses responses) {
        problem(responses, "408", STALLED, "upload-stalled", "The upload stalled",
                "No byte of the body arrived for 30 seconds; nothing was stored. Send the request again (with the "
                        + "same Idempotency-Key)",
                path, null);
        problem(responses, "429", TOO_MANY, "too-many-uploads", "Too many uploads in flight",
                "This partner already has 4 uploads in flight; wait for one of them to be answered", path, "5");
        problem(responses, "503", CAPACITY, "upload-capacity-exhausted", "No room for more uploads right now",
                "The service is receiving as many uploads as it can hold; nothing was stored. Send the request again "
                        + "later (with the same Idempotency-Key)",
                path, "30");
    }

    static final String STALLED = "No byte of the body arrived for PERISAI_UPLOAD_STALL_TIMEOUT (30 s by default; "
            + "upload-stalled), or it arrived slower than PERISAI_UPLOAD_MIN_BYTES_PER_SECOND when one is set "
            + "(upload-too-slow); nothing stored, the connection is closed. Send it again";
    static final String CAPACITY = "The replica is receiving as many uploads as its spool holds "
            + "(upload-capacity-exhausted), or the batch could not be stored completely (upload-interrupted); nothing "
            + "stored. Retry after Retry-After seconds";
    static final String TOO_MANY = "Too many uploads of this partner (or of agency staff) in flight: more than "
            + "PERISAI_UPLOAD_MAX_IN_FLIGHT_PER_PARTNER (4 by default; too-many-uploads). Wait for one to be answered; "
            + "Retry-After says when to try again";

    private static void paging(String path, Operation operation) {
        ProblemResponsesFilter.invalidParameter(operation.getResponses(), path);
        parameter(operation, query("limit", "Page size, 1–500", OASFactory.createSchema().addType(SchemaType.INTEGER)
                .format("int32").minimum(java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(500))
                .defaultValue(50)));
        parameter(operation, query("cursor", "nextCursor of the previous page", string()));
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(SchemaType.STRING);
    }

    private static Parameter query(String name, String description, Schema schema) {
        return OASFactory.createParameter().name(name).in(Parameter.In.QUERY).description(description).schema(schema);
    }

    private static void parameter(Operation operation, Parameter parameter) {
        if (operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getName().equals(parameter.getName()) && p.getIn() == parameter.getIn())) {
            return;
        }
        operation.addParameter(parameter);
    }

    /**
     * Documents a problem answer: a new response, or one more example (and the header) on a response the operation
     * already declares with that status.
     */
    private static void problem(APIResponses responses, String code, String description, String name, String title,
            String detail, String path, String retryAfter) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", BASE + name);
        example.put("title", title);
        example.put("status", Integer.parseInt(code));
        example.put("detail", detail);
        example.put("instance", path);
        example.put("correlationId", "1f0e6c1a-3b7d-4b1e-9a43-6d2f8e0c5b71");
        APIResponse response = responses.getAPIResponse(code);
        if (response == null) {
            response = OASFactory.createAPIResponse().description(description)
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                            OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem"))));
            responses.addAPIResponse(code, response);
        } else if (!response.getDescription().contains(name)) {
            response.description(response.getDescription() + "; " + description);
        }
        MediaType problem = response.getContent().getMediaType(Problem.MEDIA_TYPE);
        if (problem != null && (problem.getExamples() == null || !problem.getExamples().containsKey(name))) {
            problem.addExample(name, OASFactory.createExample().value(example));
        }
        if (retryAfter != null && (response.getHeaders() == null || !response.getHeaders().containsKey("Retry-After"))) {
            response.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before retrying")
                    .schema(OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                            .minimum(java.math.BigDecimal.ZERO).maximum(java.math.BigDecimal.valueOf(86400)))
                    .example(Integer.parseInt(retryAfter)));
        }
    }
}
