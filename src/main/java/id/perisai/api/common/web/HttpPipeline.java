package id.perisai.api.common.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.common.problem.Problem;
import id.perisai.api.common.problem.ProblemResponses;
import id.perisai.api.common.problem.ProblemType;
import id.perisai.api.common.problem.SafeThrowables;
import id.perisai.api.common.text.ControlCharacters;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Router-level concerns that sit in front of every endpoint (including {@code /q/*}): the correlation id of each
 * request, the headers every response carries ({@code X-Content-Type-Options: nosniff}; {@code Cache-Control:
 * no-store} on every {@code /v1} and {@code /oauth2} answer — success or error, JSON or CSV — and wherever no
 * handler chose its own caching), problem-details answers for what the HTTP layer itself refuses (oversize bodies,
 * unknown paths) and for failures that never reach a JAX-RS mapper.
 */
@ApplicationScoped
public class HttpPipeline {

    /** Runs just before Quarkus' own upload-limit route (order -2), so our 413 has a problem body. */
    static final int ORDER_FIRST = -3;
    /** After every application and management route. */
    static final int ORDER_LAST = Integer.MAX_VALUE - 10;

    private static final Logger LOG = Logger.getLogger(HttpPipeline.class);
    static final String NOSNIFF = "X-Content-Type-Options";

    /**
     * Quarkus checks every request URI with {@code java.net.URI} before routing and answers a malformed one (such as
     * {@code ?x=%zz}) with an empty 400; with this system property set ({@code id.perisai.api.Main} sets it) the
     * request reaches {@link #correlateAndLimit}, which makes the same check and answers with a problem.
     */
    public static final String URI_VALIDATION_OFF = "vertx.disableURIValidation";

    private final ProblemResponses problems;
    /** Endpoints that take bulk uploads, as the capabilities declare them; every other body is a small JSON document. */
    private final List<BulkUploadPaths> bulkPaths;
    private final ObjectMapper json;
    private final long maxBulkBody;
    private final long maxJsonBody;
    private final long maxHeaderSize;
    private final int maxUriLength;

    public HttpPipeline(ProblemResponses problems, ObjectMapper json, PerisaiConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize hardLimit,
            @ConfigProperty(name = "quarkus.http.limits.max-header-size") MemorySize hardHeaderLimit,
            @ConfigProperty(name = "quarkus.http.limits.max-initial-line-length") int hardLineLimit,
            Instance<BulkUploadPaths> bulkPaths) {
        this.problems = problems;
        this.bulkPaths = bulkPaths.stream().toList();
        this.json = json;
        this.maxBulkBody = config.http().maxBodySize().asLongValue();
        this.maxJsonBody = config.http().maxJsonBodySize().asLongValue();
        this.maxHeaderSize = config.http().maxHeaderSize().asLongValue();
        this.maxUriLength = config.http().maxUriLength();
        // the HTTP layer's own limits answer 413/431/414 without a problem body: ours must trigger first
        if (hardLimit.asLongValue() <= maxBulkBody) {
            throw new IllegalStateException("QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE must be larger than PERISAI_HTTP_MAX_BODY_SIZE");
        }
        if (hardHeaderLimit.asLongValue() <= maxHeaderSize) {
            throw new IllegalStateException(
                    "QUARKUS_HTTP_LIMITS_MAX_HEADER_SIZE must be larger than PERISAI_HTTP_MAX_HEADER_SIZE");
        }
        if (hardLineLimit <= maxUriLength + 32) {
            throw new IllegalStateException("QUARKUS_HTTP_LIMITS_MAX_INITIAL_LINE_LENGTH must be larger than"
                    + " PERISAI_HTTP_MAX_URI_LENGTH (with room for the method and the HTTP version)");
        }
        if (!Boolean.getBoolean(URI_VALIDATION_OFF)) {
            LOG.warnf("System property %s is not set (start the service through id.perisai.api.Main, as java -jar"
                    + " does): malformed request URIs get the HTTP layer's empty 400 instead of a problem",
                    URI_VALIDATION_OFF);
        }
    }

    /** The body limit of a request path. */
    long limitFor(String path) {
        return path != null && bulkPaths.stream().anyMatch(p -> p.isBulkUpload(path)) ? maxBulkBody : maxJsonBody;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER_FIRST).handler(this::correlateAndLimit);
        router.route().order(ORDER_FIRST).failureHandler(this::failure);
        router.route().order(ORDER_LAST).handler(ctx -> {
            if (!ctx.response().ended() && !ctx.response().headWritten()) {
                send(ctx, ProblemType.NOT_FOUND, "No resource at this path");
            }
        });
    }

    void correlateAndLimit(RoutingContext ctx) {
        correlate(ctx);
        ProblemType refused = refusedRequestLine(ctx);
        if (refused != null) {
            // the head was read whole: the connection can serve the next request
            send(ctx, refused, refused == ProblemType.MALFORMED_URI ? MALFORMED_URI_DETAIL
                    : refused == ProblemType.URI_TOO_LONG ? "The request URI is longer than " + maxUriLength + " characters"
                            : "The request headers exceed " + maxHeaderSize + " bytes",
                    null);
            return;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long limit = limitFor(ctx.normalizedPath());
        if (length != null && exceeds(length, limit)) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            ctx.response().endHandler(v -> ctx.request().connection().close());
            send(ctx, ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds the limit of " + limit + " bytes",
                    ctx.normalizedPath());
            return;
        }
        ctx.next();
    }

    static final String MALFORMED_URI_DETAIL = "The request URI is malformed (an invalid character or percent-escape,"
            + " or a control character)";
    private static final String CORRELATED = "perisai.correlated";
    private static final String MALFORMED = "perisai.malformed-uri";

    /**
     * The request id (the caller's well-formed one, else a fresh one) on the request, the response and the log
     * context, and the headers every response carries. Once per request: the first route, or the failure handler when
     * the request failed before reaching it.
     */
    static void correlate(RoutingContext ctx) {
        if (ctx.get(CORRELATED) != null) {
            return;
        }
        ctx.put(CORRELATED, Boolean.TRUE);
        String requestId = RequestIds.accept(ctx.request().getHeader(RequestIds.HEADER));
        ctx.request().headers().set(RequestIds.HEADER, requestId);
        ctx.response().putHeader(RequestIds.HEADER, requestId);
        ctx.addHeadersEndHandler(v -> secureHeaders(ctx));
        MDC.put(RequestIds.MDC_KEY, requestId);
    }

    /** The request's path for logs and problem instances, or null when its URI cannot be read. */
    static String path(RoutingContext ctx) {
        Boolean malformed = ctx.get(MALFORMED);
        if (malformed == null) {
            malformed = malformed(ctx.request().uri());
            ctx.put(MALFORMED, malformed);
        }
        return malformed ? null : ctx.normalizedPath();
    }

    /** What is wrong with the request's URI or headers, or null. */
    ProblemType refusedRequestLine(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (uri != null && uri.length() > maxUriLength) {
            return ProblemType.URI_TOO_LONG;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : ctx.request().headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 2;
        }
        if (headerBytes > maxHeaderSize) {
            return ProblemType.HEADERS_TOO_LARGE;
        }
        return path(ctx) == null ? ProblemType.MALFORMED_URI : null;
    }

    /** Whether a request URI cannot be parsed, or holds a control character once its escapes are decoded. */
    static boolean malformed(String uri) {
        if (uri == null || uri.isEmpty()) {
            return true;
        }
        try {
            URI parsed = new URI(uri);
            return ControlCharacters.in(parsed.getPath()) || ControlCharacters.in(parsed.getQuery());
        } catch (URISyntaxException e) {
            return true;
        }
    }

    /**
     * Responses of the API carry personal data and tokens: no cache, proxy or browser may keep them, and no browser
     * may guess another content type than the declared one (a CSV or JSON rendered as HTML). Elsewhere (the JWKS,
     * Swagger UI's files) a handler's own {@code Cache-Control} stands.
     */
    static void secureHeaders(RoutingContext ctx) {
        MultiMap headers = ctx.response().headers();
        headers.set(NOSNIFF, "nosniff");
        String path = path(ctx);
        if (path == null || isApi(path) || !headers.contains(HttpHeaders.CACHE_CONTROL)) {
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }

    static boolean isApi(String path) {
        return path != null && (path.equals("/v1") || path.startsWith("/v1/") || path.equals("/oauth2")
                || path.startsWith("/oauth2/"));
    }

    private static boolean exceeds(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    void failure(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        correlate(ctx);
        String path = path(ctx);
        if (path == null) {
            // a route before ours could not match the URI (Vert.x decodes it to compare paths): the client's error
            send(ctx, ProblemType.MALFORMED_URI, MALFORMED_URI_DETAIL, null);
            return;
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status >= 500 && ctx.failure() != null) {
            LOG.errorf(SafeThrowables.sanitize(ctx.failure()), "Request failed before reaching an endpoint: %s", path);
        }
        ProblemType type = ProblemType.forStatus(status);
        send(ctx, type, status == 413 ? "The request body exceeds the size limit"
                : status >= 500 ? "An unexpected error occurred; quote the correlation id when contacting support"
                        : type.title(),
                path);
    }

    private void send(RoutingContext ctx, ProblemType type, String detail) {
        send(ctx, type, detail, ctx.normalizedPath());
    }

    /** @param instance the request path, or null when it cannot be read */
    private void send(RoutingContext ctx, ProblemType type, String detail, String instance) {
        String requestId = ctx.request().getHeader(RequestIds.HEADER);
        Problem problem = problems.problem(type, detail, instance, requestId, List.of(), Map.of());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + type.status() + "}";
        }
        ctx.response().setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }
}
