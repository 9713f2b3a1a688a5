package id.perisai.api.common.problem;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import id.perisai.api.common.config.PerisaiConfig;

/** Builds problem-details bodies and responses with the configured {@code type} base URI. */
@ApplicationScoped
public class ProblemResponses {

    private final String baseUri;

    public ProblemResponses(PerisaiConfig config) {
        String base = config.problem().baseUri();
        this.baseUri = base.endsWith("/") ? base : base + "/";
    }

    public Problem problem(ProblemType type, String detail, String instance, String correlationId,
            List<FieldError> errors, Map<String, Object> extensions) {
        return new Problem(baseUri + type.name(), type.title(), type.status(), detail, instance, correlationId, errors,
                extensions);
    }

    public Response response(ProblemType type, String detail, String instance, String correlationId) {
        return response(type, detail, instance, correlationId, List.of(), Map.of(), Map.of());
    }

    public Response response(ProblemType type, String detail, String instance, String correlationId,
            List<FieldError> errors, Map<String, Object> extensions, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(type.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem(type, detail, instance, correlationId, errors, extensions));
        headers.forEach(builder::header);
        return builder.build();
    }
}
