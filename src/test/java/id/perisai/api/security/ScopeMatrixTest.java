package id.perisai.api.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import id.perisai.api.support.Fixtures;
import id.perisai.api.support.OpenApiOperations;
import id.perisai.api.support.OpenApiOperations.Operation;
import id.perisai.api.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * quality.md S2: every operation of the served OpenAPI document × every scope. A token with a documented scope gets
 * past authorisation (neither 401 nor 403); any other scope gets 403; no token gets 401. The operations come from the
 * document, so a new endpoint is covered the moment it exists, and an undocumented or unchecked scope fails here.
 * Bodies are deliberately invalid and ids unknown, so an authorised call cannot change anything.
 */
@QuarkusTest
class ScopeMatrixTest {

    static String partner;

    @BeforeEach
    void partner() {
        if (partner != null) {
            return;
        }
        partner = Fixtures.partner("SCOPE");
    }

    static List<Operation> operations() {
        return OpenApiOperations.served("/v1/");
    }

    @Test
    void everyV1OperationDocumentsItsScopes() {
        List<Operation> ops = operations();
        assertFalse(ops.isEmpty());
        for (Operation op : ops) {
            assertFalse(op.scopes().isEmpty(), op.method() + " " + op.path() + " documents no scope");
            assertTrue(Scopes.ALL.containsAll(op.scopes()), op + " documents unknown scopes");
            boolean admin = op.path().startsWith("/v1/admin/");
            assertEquals(admin, op.scopes().equals(Set.of(Scopes.ADMIN)),
                    op.method() + " " + op.path() + ": admin scope is for /v1/admin/** and only there");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOperationTimesEveryScope() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation op : operations()) {
            tests.add(DynamicTest.dynamicTest(op.method() + " " + op.path() + " without token → 401",
                    () -> assertEquals(401, call(op, null).statusCode())));
            for (String scope : new TreeSet<>(Scopes.ALL)) {
                boolean allowed = op.scopes().contains(scope);
                tests.add(DynamicTest.dynamicTest(op.method() + " " + op.path() + " with " + scope + " → "
                        + (allowed ? "authorised" : "403"), () -> {
                            int status = call(op, token(scope)).statusCode();
                            if (allowed) {
                                assertFalse(status == 401 || status == 403,
                                        scope + " should pass authorisation, got " + status);
                                assertTrue(status < 500, "server error " + status);
                            } else {
                                assertEquals(403, status, scope + " must be refused");
                            }
                        }));
            }
        }
        return tests.stream();
    }

    @Test
    void unannotatedEndpointIsDeniedByDefault() {
        given().auth().oauth2(TestTokens.admin().sign()).get("/test-only/unannotated").then().statusCode(403);
        given().auth().oauth2(token(Scopes.AGENTS_READ)).get("/test-only/unannotated").then().statusCode(403);
        given().get("/test-only/unannotated").then().statusCode(401);
    }

    @Test
    void adminTokenIsConfinedToAdminPaths() {
        given().auth().oauth2(TestTokens.admin().sign()).get("/v1/partner").then().statusCode(403);
    }

    private String token(String scope) {
        return Scopes.ADMIN.equals(scope) ? TestTokens.admin().sign() : TestTokens.partner(partner, scope).sign();
    }

    private Response call(Operation op, String token) {
        String path = op.path(Map.of("code", partner, "clientId", "prc_doesnotexist00000"));
        RequestSpecification request = given();
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (op.hasBody()) {
            request.contentType("application/json").body("{}");
        }
        return request.request(op.method(), path);
    }
}
