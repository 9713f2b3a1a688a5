package id.perisai.api.common.web;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

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

    /** Endpoints that take bulk uploads (streamed); every other body is a small JSON document. */
    static final List<String> BULK_PATHS = List.of("/v1/registration-batches", "/v1/contribution-batches",
            "/v1/admin/registry/participants");

    private final ProblemResponses problems;
    private final ObjectMapper json;
    private final long maxBulkBody;
    private final long maxJsonBody;

    public HttpPipeline(ProblemResponses problems, ObjectMapper json, PerisaiConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize hardLimit) {
        this.problems = problems;
        this.json = json;
        this.maxBulkBody = config.http().maxBodySize().asLongValue();
        this.maxJsonBody = config.http().maxJsonBodySize().asLongValue();
        if (hardLimit.asLongValue() <= maxBulkBody) {
            // the HTTP layer's own limit answers 413 without a problem body: ours must trigger first
            throw new IllegalStateException("QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE must be larger than PERISAI_HTTP_MAX_BODY_SIZE");
        }
    }

    /** The body limit of a request path. */
    long limitFor(String path) {
        return path != null && BULK_PATHS.contains(path) ? maxBulkBody : maxJsonBody;
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
        String requestId = RequestIds.accept(ctx.request().getHeader(RequestIds.HEADER));
        ctx.request().headers().set(RequestIds.HEADER, requestId);
        ctx.response().putHeader(RequestIds.HEADER, requestId);
        ctx.addHeadersEndHandler(v -> secureHeaders(ctx));
        MDC.put(RequestIds.MDC_KEY, requestId);
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long limit = limitFor(ctx.normalizedPath());
        if (length != null && exceeds(length, limit)) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            ctx.response().endHandler(v -> ctx.request().connection().close());
            send(ctx, ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds the limit of " + limit + " bytes");
            return;
        }
        ctx.next();
    }

    /**
     * Responses of the API carry personal data and tokens: no cache, proxy or browser may keep them, and no browser
     * may guess another content type than the declared one (a CSV or JSON rendered as HTML). Elsewhere (the JWKS,
     * Swagger UI's files) a handler's own {@code Cache-Control} stands.
     */
    static void secureHeaders(RoutingContext ctx) {
        MultiMap headers = ctx.response().headers();
        headers.set(NOSNIFF, "nosniff");
        if (isApi(ctx.normalizedPath()) || !headers.contains(HttpHeaders.CACHE_CONTROL)) {
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
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status >= 500 && ctx.failure() != null) {
            LOG.errorf(SafeThrowables.sanitize(ctx.failure()), "Request failed before reaching an endpoint: %s",
                    ctx.normalizedPath());
        }
        ProblemType type = ProblemType.forStatus(status);
        send(ctx, type, status == 413 ? "The request body exceeds the size limit"
                : status >= 500 ? "An unexpected error occurred; quote the correlation id when contacting support"
                        : type.title());
    }

    private void send(RoutingContext ctx, ProblemType type, String detail) {
        String requestId = ctx.request().getHeader(RequestIds.HEADER);
        Problem problem = problems.problem(type, detail, ctx.normalizedPath(), requestId, List.of(), Map.of());
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
