package id.perisai.api.common.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * RFC 9457 problem details, the body of every error response ({@code application/problem+json}). Extension members
 * (e.g. {@code violatedPolicies}) are added by the problem's cause; nothing internal ever goes in here.
 */
@Schema(name = "Problem", requiredProperties = { "type", "title",
        "status" }, description = "RFC 9457 problem details; extension members of a problem type may be present", additionalProperties = Schema.True.class, properties = {
                @SchemaProperty(name = "violatedPolicies", type = SchemaType.ARRAY, implementation = String.class, description = "For 429 quota-exceeded and rate-limited: the quotas refused (registrations, contributions, requests)", example = "[\"registrations\"]"),
                @SchemaProperty(name = "maxBatchRecords", type = SchemaType.INTEGER, description = "For 413 batch-too-large: the partner's largest batch", example = "100000") })
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "correlationId", "errors" })
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

    @Schema(description = "URI identifying the problem type; it ends in the problem name", example = "https://api.perisai.bpjsketenagakerjaan.go.id/problems/validation-failed")
    public final String type;
    @Schema(description = "Short summary of the problem type", example = "The request is not valid")
    public final String title;
    @Schema(description = "HTTP status code", example = "400")
    public final int status;
    @Schema(description = "Explanation specific to this occurrence", example = "1 field is invalid")
    public final String detail;
    @Schema(description = "The request path", example = "/v1/admin/partners")
    public final String instance;
    @Schema(description = "Identifier of this request in the service's logs (also the X-Request-Id response header)", example = "5f0c8a0e-9f2d-4c1b-8a57-2b7f0b6f2a11")
    public final String correlationId;
    @Schema(description = "For invalid input: every reason, field by field")
    public final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public Problem(String type, String title, int status, String detail, String instance, String correlationId,
            List<FieldError> errors, Map<String, Object> extensions) {
        this.type = type;
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.instance = instance;
        this.correlationId = correlationId;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
    }

    @JsonAnyGetter
    @Schema(hidden = true)
    public Map<String, Object> extensions() {
        return extensions;
    }
}
