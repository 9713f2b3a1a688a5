package id.perisai.api.common.problem;

/**
 * A kind of problem (RFC 9457): the HTTP status, the name the {@code type} URI ends in, and a fixed title.
 * Capabilities declare their own types next to their code; the general ones live here.
 */
public record ProblemType(int status, String name, String title) {

    public static final ProblemType VALIDATION_FAILED = new ProblemType(400, "validation-failed",
            "The request is not valid");
    public static final ProblemType MALFORMED_REQUEST = new ProblemType(400, "malformed-request",
            "The request body cannot be read");
    public static final ProblemType UNAUTHORIZED = new ProblemType(401, "unauthorized",
            "Authentication is required");
    public static final ProblemType INSUFFICIENT_SCOPE = new ProblemType(403, "insufficient-scope",
            "The token does not grant this operation");
    public static final ProblemType PARTNER_SUSPENDED = new ProblemType(403, "partner-suspended",
            "The partner is suspended");
    public static final ProblemType MALFORMED_URI = new ProblemType(400, "malformed-uri",
            "The request URI cannot be read");
    public static final ProblemType NOT_FOUND = new ProblemType(404, "not-found", "Resource not found");
    public static final ProblemType METHOD_NOT_ALLOWED = new ProblemType(405, "method-not-allowed",
            "Method not allowed");
    public static final ProblemType NOT_ACCEPTABLE = new ProblemType(406, "not-acceptable",
            "No acceptable representation");
    public static final ProblemType CONFLICT = new ProblemType(409, "conflict",
            "The request conflicts with the current state");
    public static final ProblemType PAYLOAD_TOO_LARGE = new ProblemType(413, "payload-too-large",
            "The request body is too large");
    public static final ProblemType URI_TOO_LONG = new ProblemType(414, "uri-too-long", "The request URI is too long");
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE = new ProblemType(415, "unsupported-media-type",
            "Unsupported media type");
    public static final ProblemType UNPROCESSABLE = new ProblemType(422, "unprocessable-content",
            "The request cannot be processed");
    public static final ProblemType TOO_MANY_REQUESTS = new ProblemType(429, "too-many-requests",
            "Too many requests");
    public static final ProblemType HEADERS_TOO_LARGE = new ProblemType(431, "headers-too-large",
            "The request headers are too large");
    public static final ProblemType INTERNAL_ERROR = new ProblemType(500, "internal-error",
            "Internal error");
    public static final ProblemType SERVICE_UNAVAILABLE = new ProblemType(503, "service-unavailable",
            "Service temporarily unavailable");

    /** The general problem type for an HTTP status the server produced without a more specific cause. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> INSUFFICIENT_SCOPE;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> UNPROCESSABLE;
            case 429 -> TOO_MANY_REQUESTS;
            case 431 -> HEADERS_TOO_LARGE;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : new ProblemType(status, "http-" + status, "Request failed");
        };
    }
}
