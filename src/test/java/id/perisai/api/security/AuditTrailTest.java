package id.perisai.api.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.AuditedWrites;
import id.perisai.api.support.DocumentedResponses;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * quality.md S4 is checked on every write of the suite by {@link AuditedWrites}; this proves that check can fail: a
 * write endpoint without an audit record makes the calling test fail.
 */
@QuarkusTest
class AuditTrailTest {

    @Test
    void aWriteWithoutItsAuditRecordFailsTheTestThatMadeIt() {
        AssertionError missing = assertThrows(AssertionError.class, () -> given()
                .auth().oauth2(TestTokens.partner(Fixtures.partner("AUDIT"), "agents:read").sign())
                .header(AuditedWrites.SELF_TEST, "1")
                .post("/test-only/unaudited"));
        assertTrue(missing.getMessage().contains("left no audit record"), missing.getMessage());
    }

    @Test
    void everyQuarkusTestRunsThroughTheAuditAndResponseChecks() {
        given().get("/q/health/live").then().statusCode(200); // the first request of a class installs them at the latest
        assertTrue(RestAssured.filters().stream().anyMatch(AuditedWrites.class::isInstance), "AuditedWrites installed");
        assertTrue(RestAssured.filters().stream().anyMatch(DocumentedResponses.class::isInstance),
                "DocumentedResponses installed");
    }
}
