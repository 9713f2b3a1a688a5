package id.perisai.api.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.authentication.PreemptiveOAuth2HeaderScheme;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * quality.md S4, checked on every write of the whole test suite: a REST Assured filter (installed once, before the
 * first {@code @QuarkusTest} method, as a Quarkus test callback listed in META-INF/services) that, after each successful
 * POST/PUT/PATCH/DELETE with a bearer token,
 * requires the audit record of that very request — same request id, same token id ({@code jti}) and subject — to be
 * in the database already (it is written in the transaction of the write). A new write endpoint that forgets its audit
 * record fails whichever test calls it.
 */
public final class AuditedWrites implements QuarkusTestBeforeEachCallback, Filter {

    static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** Writes that are not the partner's or staff's business changes: reading searches, quotes, test endpoints. */
    static final Set<String> NOT_WRITES = Set.of("/v1/participants/search", "/v1/contributions/quote");
    /** Sent by tests on a request that is documented to change nothing (e.g. revoking a revoked client). */
    public static final String NO_CHANGE = "X-Expect-No-Change";
    /** Sent by the test that proves this filter catches a write without its audit record. */
    public static final String SELF_TEST = "X-Audited-Writes-Self-Test";
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs inside the Quarkus test class loader, where the tests' REST Assured lives. */
    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (INSTALLED.compareAndSet(false, true)) {
            RestAssured.filters(new AuditedWrites());
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        String path = request.getDerivedPath();
        String authorization = request.getHeaders().getValue("Authorization");
        if (request.getAuthenticationScheme() instanceof PreemptiveOAuth2HeaderScheme oauth2) {
            authorization = "Bearer " + oauth2.getAccessToken(); // given().auth().oauth2(token)
        }
        boolean selfTest = request.getHeaders().hasHeaderWithName(SELF_TEST);
        if (response.getHeader("Idempotent-Replayed") != null || request.getHeaders().hasHeaderWithName(NO_CHANGE)) {
            return response; // a replay does nothing again; a repeated revoke changes nothing
        }
        if (!WRITES.contains(request.getMethod()) || response.statusCode() / 100 != 2
                || (path.startsWith("/test-only/") && !selfTest)
                || NOT_WRITES.contains(path) || authorization == null || !authorization.startsWith("Bearer ")) {
            return response;
        }
        String requestId = response.getHeader("X-Request-Id");
        String[] token = claims(authorization.substring("Bearer ".length()));
        long audited = TestDb.count("select count(*) from audit_log where request_id = ? and token_id = ? and subject = ?",
                requestId, token[0], token[1]);
        if (audited == 0) {
            throw new AssertionError(request.getMethod() + " " + path + " → " + response.statusCode()
                    + " left no audit record (request " + requestId + ")");
        }
        return response;
    }

    /** [jti, sub] of a JWT (the signature was checked by the service that accepted it). */
    static String[] claims(String jwt) {
        try {
            String[] parts = jwt.split("\\.");
            var payload = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            return new String[] { payload.path("jti").asText(null), payload.path("sub").asText(null) };
        } catch (Exception e) {
            throw new AssertionError("not a JWT", e);
        }
    }
}
