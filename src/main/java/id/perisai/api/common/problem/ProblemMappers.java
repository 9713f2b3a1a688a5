package id.perisai.api.common.problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import id.perisai.api.common.json.ControlCharactersException;
import id.perisai.api.common.web.RequestIds;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one place failures become HTTP responses: RFC 9457 problem details for every error the API can produce.
 * Nothing internal (stack traces, SQL, input fragments) reaches a client; 500s carry a correlation id instead.
 */
public class ProblemMappers {

    static final String REALM = "perisai-partner-api";
    /** The code of a text field that holds a control character. */
    public static final String INVALID_CHARACTERS = "INVALID_CHARACTERS";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ProblemResponses problems;

    public ProblemMappers(ProblemResponses problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri, HttpHeaders headers) {
        return problems.response(e.type(), e.getMessage(), path(uri), requestId(headers), e.errors(), e.extensions(),
                e.headers());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri, HttpHeaders headers) {
        List<FieldError> errors = new ArrayList<>();
        boolean returnValue = false;
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            returnValue |= isReturnValue(violation.getPropertyPath());
            errors.add(new FieldError(field(violation.getPropertyPath()), code(violation), violation.getMessage()));
        }
        if (returnValue) {
            return unexpected(e, uri, headers);
        }
        errors.sort((a, b) -> a.field().compareTo(b.field()));
        return problems.response(ProblemType.VALIDATION_FAILED, InvalidInputException.describe(errors), path(uri),
                requestId(headers), errors, Map.of(), Map.of());
    }

    /**
     * The unknown property's name is whatever the client sent (it could be a NIK): the error points at the object that
     * holds it, with {@link FieldError#UNKNOWN} in place of the name, and lists the names that are accepted there.
     */
    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e, UriInfo uri, HttpHeaders headers) {
        String holder = jsonPath(e.getPath().subList(0, Math.max(0, e.getPath().size() - 1)));
        FieldError error = new FieldError(holder.isEmpty() ? FieldError.UNKNOWN : holder + "." + FieldError.UNKNOWN,
                "UNKNOWN_FIELD", "a property that is not part of this object; accepted: " + e.getKnownPropertyIds()
                        .stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        return invalidInput(error, uri, headers);
    }

    @ServerExceptionMapper
    public Response controlCharacters(ControlCharactersException e, UriInfo uri, HttpHeaders headers) {
        return invalidInput(new FieldError(jsonPath(e), INVALID_CHARACTERS,
                "must not contain control characters (line breaks and tabs included)"), uri, headers);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri, HttpHeaders headers) {
        Class<?> target = e.getTargetType();
        String message = target != null && target.isEnum()
                ? "must be one of " + Arrays.stream(target.getEnumConstants()).map(String::valueOf)
                        .collect(Collectors.joining(", "))
                : "must be " + describe(target);
        return invalidInput(new FieldError(jsonPath(e), "INVALID_VALUE", message), uri, headers);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri, HttpHeaders headers) {
        if (e.getPath().isEmpty()) {
            return problems.response(ProblemType.MALFORMED_REQUEST, "The body must be a JSON object of the documented shape",
                    path(uri), requestId(headers));
        }
        return invalidInput(new FieldError(jsonPath(e), "INVALID_TYPE", "must be " + describe(e.getTargetType())), uri,
                headers);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, UriInfo uri, HttpHeaders headers) {
        if (e.getCause() instanceof ProblemException problem) {
            return problem(problem, uri, headers);
        }
        if (e.getPath().isEmpty()) {
            return problems.response(ProblemType.MALFORMED_REQUEST, "The body must be a JSON object of the documented shape",
                    path(uri), requestId(headers));
        }
        return invalidInput(new FieldError(jsonPath(e), "INVALID_VALUE", "has an invalid value"), uri, headers);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
        String detail = e instanceof StreamConstraintsException
                ? "The JSON body exceeds a structural limit (nesting depth, number or string length)"
                : "The body is not valid JSON";
        return problems.response(ProblemType.MALFORMED_REQUEST, detail, path(uri), requestId(headers));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        return problems.response(ProblemType.UNAUTHORIZED, "A bearer access token is required", path(uri),
                requestId(headers), List.of(), Map.of(),
                Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\""));
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
        ProblemException cause = problemCause(e);
        if (cause != null) {
            return problem(cause, uri, headers);
        }
        return invalidToken(uri, headers);
    }

    @ServerExceptionMapper
    public Response authenticationCompletion(AuthenticationCompletionException e, UriInfo uri, HttpHeaders headers) {
        return invalidToken(uri, headers);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
        ProblemException cause = problemCause(e);
        if (cause != null) {
            return problem(cause, uri, headers);
        }
        return problems.response(ProblemType.INSUFFICIENT_SCOPE,
                "The access token does not carry a scope this operation requires", path(uri), requestId(headers),
                List.of(), Map.of(), Map.of(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\""));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status >= 500) {
            return unexpected(e, uri, headers);
        }
        if (e.getCause() instanceof ProblemException problem) {
            return problem(problem, uri, headers);
        }
        if (e.getCause() instanceof ControlCharactersException control) {
            // the body reader hands Jackson failures it does not know over wrapped in a 400
            return controlCharacters(control, uri, headers);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri, headers);
        }
        ProblemType type = ProblemType.forStatus(status);
        Map<String, String> keep = new LinkedHashMap<>();
        if (original != null && original.getHeaderString(HttpHeaders.ALLOW) != null) {
            keep.put(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW));
        }
        return problems.response(type, standardDetail(status), path(uri), requestId(headers), List.of(), Map.of(), keep);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers) {
        ProblemException cause = problemCause(e);
        if (cause != null) {
            return problem(cause, uri, headers);
        }
        String requestId = requestId(headers);
        LOG.errorf(SafeThrowables.sanitize(e), "Unhandled failure on %s", path(uri));
        return problems.response(ProblemType.INTERNAL_ERROR,
                "An unexpected error occurred; quote the correlation id when contacting support", path(uri), requestId);
    }

    private Response invalidToken(UriInfo uri, HttpHeaders headers) {
        return problems.response(ProblemType.UNAUTHORIZED, "The access token is missing, malformed, expired or not trusted",
                path(uri), requestId(headers), List.of(), Map.of(), Map.of(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer realm=\"" + REALM + "\", error=\"invalid_token\""));
    }

    private Response invalidInput(FieldError error, UriInfo uri, HttpHeaders headers) {
        return problems.response(ProblemType.VALIDATION_FAILED, InvalidInputException.describe(List.of(error)), path(uri),
                requestId(headers), List.of(error), Map.of(), Map.of());
    }

    static ProblemException problemCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProblemException p) {
                return p;
            }
        }
        return null;
    }

    static String standardDetail(int status) {
        return switch (status) {
            case 404 -> "No resource at this path";
            case 405 -> "This method is not supported on this path";
            case 406 -> "None of the requested media types can be produced";
            case 415 -> "This Content-Type is not accepted here";
            case 413 -> "The request body exceeds the size limit";
            default -> "The request cannot be served";
        };
    }

    /** The request path for {@code instance}: always one leading slash. */
    public static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/+", "");
    }

    static String requestId(HttpHeaders headers) {
        return headers == null ? null : headers.getHeaderString(RequestIds.HEADER);
    }

    static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** The violated field as a JSON path relative to the request (method and parameter nodes dropped). */
    static String field(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> {
                }
                case PARAMETER -> parameter = node.getName();
                default -> {
                    if (node.getIndex() != null && field.length() > 0) {
                        field.append('[').append(node.getIndex()).append(']');
                    }
                    if (node.getName() != null && !node.getName().startsWith("<")) {
                        if (field.length() > 0) {
                            field.append('.');
                        }
                        field.append(node.getName());
                    }
                }
            }
        }
        if (field.length() == 0) {
            return parameter == null ? "" : parameter;
        }
        return field.toString();
    }

    static String code(ConstraintViolation<?> violation) {
        String annotation = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return switch (annotation) {
            case "NotNull", "NotBlank", "NotEmpty" -> "REQUIRED";
            case "Size", "Length" -> "INVALID_LENGTH";
            case "Pattern", "Email" -> "INVALID_FORMAT";
            case "Min", "Max", "DecimalMin", "DecimalMax", "Positive", "PositiveOrZero", "Negative", "NegativeOrZero",
                    "Range" ->
                "OUT_OF_RANGE";
            default -> annotation.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase();
        };
    }

    static String jsonPath(JsonMappingException e) {
        return jsonPath(e.getPath());
    }

    static String jsonPath(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String describe(Class<?> type) {
        if (type == null) {
            return "of the documented type";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.getName().startsWith("java.time.")) {
            return switch (type.getSimpleName()) {
                case "LocalDate" -> "a date (YYYY-MM-DD)";
                case "YearMonth" -> "a month (YYYY-MM)";
                default -> "an RFC 3339 date-time";
            };
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        return "an object";
    }
}
