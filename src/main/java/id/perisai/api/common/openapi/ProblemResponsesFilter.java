package id.perisai.api.common.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import id.perisai.api.common.problem.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Adds the problem responses every operation can produce, so each operation documents its failures with an example
 * without repeating them on every method: 400 (input), 401/403 (secured operations), 404 (path ids), 413/415 (bodies)
 * and 500. Operation-specific problems (409, 422, ...) are declared on the resource methods. It runs when the app is
 * built: the served document is final at start-up, which then has nothing to compute.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    static final String BASE = "https://api.perisai.bpjsketenagakerjaan.go.id/problems/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        OpenApiOperations.forEach(openAPI, (path, operation) -> {
            normalizeSecurity(operation);
            if (path.startsWith("/v1/")) {
                addProblems(path, operation);
            } else if (operation.getRequestBody() != null) {
                addBodyProblems(path, operation.getResponses()); // the token endpoint
            }
            add(operation.getResponses(), "406", "The Accept header allows none of the media types this operation"
                    + " produces", "not-acceptable", "Not acceptable", 406,
                    "This operation cannot produce a representation the Accept header allows", path, null);
            addInternalError(path, operation);
        });
    }

    private static void addProblems(String path, Operation operation) {
        APIResponses responses = operation.getResponses();
        boolean body = operation.getRequestBody() != null;
        boolean params = operation.getParameters() != null && !operation.getParameters().isEmpty();
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (body) {
            add(responses, "400", "Invalid input: every reason is listed in errors[]", "validation-failed",
                    "The request is not valid", 400, "1 field is invalid", path,
                    List.of(fieldError("name", "REQUIRED", "must not be blank")));
        } else if (params) {
            invalidParameter(responses, path);
        }
        if (secured) {
            add(responses, "401", "Missing, malformed, expired or untrusted token (WWW-Authenticate: Bearer)",
                    "unauthorized", "Authentication is required", 401,
                    "The access token is missing, malformed, expired or not trusted", path, null);
            add(responses, "403", "The token lacks a required scope, or its partner is suspended (partner-suspended)",
                    "insufficient-scope", "The token does not grant this operation", 403,
                    "The access token does not carry a scope this operation requires", path, null);
        }
        boolean partner = secured && !path.startsWith("/v1/admin/");
        if (partner) {
            add(responses, "429", "Over the partner's requestsPerMinute (rate-limited) or, for batches, today's record quota"
                    + " (quota-exceeded); Retry-After says when to retry", "rate-limited", "Too many requests", 429,
                    "More than 600 calls in this minute; retry when the window resets", path, null);
        }
        if (path.contains("{")) {
            add(responses, "404", "No such resource for this caller (other partners' resources are never revealed)",
                    "not-found", "Resource not found", 404, "Partner not found", path, null);
        }
        if (body) {
            addBodyProblems(path, responses);
        }
    }

    /** The 400 of an operation whose parameters can be invalid (filters that add parameters call it too). */
    public static void invalidParameter(APIResponses responses, String path) {
        add(responses, "400", "Invalid parameter: every reason is listed in errors[]", "validation-failed",
                "The request is not valid", 400, "1 field is invalid", path,
                List.of(fieldError("limit", "OUT_OF_RANGE", "must be between 1 and 500")));
    }

    private static void addBodyProblems(String path, APIResponses responses) {
        add(responses, "413", "The body exceeds the size limit", "payload-too-large", "The request body is too large",
                413, "The request body exceeds the limit of 268435456 bytes", path, null);
        add(responses, "415", "The Content-Type is not accepted here", "unsupported-media-type",
                "Unsupported media type", 415, "This Content-Type is not accepted here", path, null);
    }

    /**
     * The RateLimit headers (IETF httpapi draft) every response to a partner token carries once the token is
     * authenticated: on each 2xx and 4xx but 401 of a partner operation. Called by {@link ContractFilter} once all
     * responses are known.
     */
    static void rateLimitHeaders(APIResponses responses) {
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            String code = response.getKey();
            boolean counted = code.startsWith("2") || (code.startsWith("4") && !code.equals("401"));
            if (!counted || (response.getValue().getHeaders() != null
                    && response.getValue().getHeaders().containsKey("RateLimit"))) {
                continue;
            }
            response.getValue().addHeader("RateLimit-Policy", OASFactory.createHeader()
                    .description("The partner's quotas: records per WIB day (w=86400) and requests per minute (w=60)")
                    .schema(OASFactory.createSchema()
                            .addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING).maxLength(1000))
                    .example("\"registrations\";q=5000;w=86400, \"contributions\";q=20000;w=86400, \"requests\";q=600;w=60"));
            response.getValue().addHeader("RateLimit", OASFactory.createHeader()
                    .description("What remains of each quota (r) and seconds until its window resets (t)")
                    .schema(OASFactory.createSchema()
                            .addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING).maxLength(1000))
                    .example("\"registrations\";r=4200;t=3600, \"contributions\";r=20000;t=3600, \"requests\";r=599;t=42"));
        }
    }

    /**
     * {@code @RolesAllowed} grants access to a caller with any one of its roles, but in OpenAPI one requirement listing
     * several scopes means all of them. Rewrites the generated requirements as alternatives, one scope each.
     */
    static void normalizeSecurity(Operation operation) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            return;
        }
        java.util.Set<String> scopes = new java.util.TreeSet<>();
        for (SecurityRequirement requirement : operation.getSecurity()) {
            List<String> listed = requirement.getScheme(ApiDefinition.SECURITY_SCHEME);
            if (listed != null) {
                scopes.addAll(listed);
            }
        }
        List<SecurityRequirement> alternatives = new java.util.ArrayList<>();
        for (String scope : scopes) {
            alternatives.add(OASFactory.createSecurityRequirement().addScheme(ApiDefinition.SECURITY_SCHEME, scope));
        }
        operation.setSecurity(alternatives);
    }

    private static void addInternalError(String path, Operation operation) {
        add(operation.getResponses(), "500", "Unexpected failure; quote the correlation id", "internal-error",
                "Internal error", 500, "An unexpected error occurred; quote the correlation id when contacting support",
                path, null);
    }

    /** An errors[] entry; ordered, so the generated document is the same on every run. */
    private static Map<String, String> fieldError(String field, String code, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("code", code);
        error.put("message", message);
        return error;
    }

    private static void add(APIResponses responses, String code, String description, String name, String title,
            int status, String detail, String path, List<Map<String, String>> errors) {
        APIResponse existing = responses.getAPIResponse(code);
        if (existing != null && existing.getContent() != null) {
            return;
        }
        // the scanner documents 401/403 of @RolesAllowed methods without a body: the problem document replaces it
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", BASE + name);
        example.put("title", title);
        example.put("status", status);
        example.put("detail", detail);
        example.put("instance", path);
        example.put("correlationId", "5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11");
        if (errors != null) {
            example.put("errors", errors);
        }
        APIResponse response = OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("Problem"))
                        .addExample(name, OASFactory.createExample().value(example))));
        responses.addAPIResponse(code, response);
    }
}
