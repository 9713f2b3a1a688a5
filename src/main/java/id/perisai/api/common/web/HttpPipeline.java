package id.perisai.api.common.web;

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
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Router-level concerns that sit in front of every endpoint (including {@code /q/*}): the correlation id of each
 * request, problem-details answers for what the HTTP layer itself refuses (oversize bodies, unknown paths) and for
 * failures that never reach a JAX-RS mapper.
 */
@ApplicationScoped
public class HttpPipeline {

    /** Runs just before Quarkus' own upload-limit route (order -2), so our 413 has a problem body. */
    static final int ORDER_FIRST = -3;
    /** After every application and management route. */
    static final int ORDER_LAST = Integer.MAX_VALUE - 10;

    private static final Logger LOG = Logger.getLogger(HttpPipeline.class);

    private final ProblemResponses problems;
    /** Endpoints that take bulk uploads, as the capabilities declare them; every other body is a small JSON document. */
    private final List<BulkUploadPaths> bulkPaths;
    private final ObjectMapper json;
    private final long maxBulkBody;
    private final long maxJsonBody;

    public HttpPipeline(ProblemResponses problems, ObjectMapper json, PerisaiConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize hardLimit,
            Instance<BulkUploadPaths> bulkPaths) {
        this.problems = problems;
        this.bulkPaths = bulkPaths.stream().toList();
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
        String requestId = RequestIds.accept(ctx.request().getHeader(RequestIds.HEADER));
        ctx.request().headers().set(RequestIds.HEADER, requestId);
        ctx.response().putHeader(RequestIds.HEADER, requestId);
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
