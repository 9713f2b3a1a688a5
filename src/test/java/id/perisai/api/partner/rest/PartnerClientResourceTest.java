package id.perisai.api.partner.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.AuditedWrites;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class PartnerClientResourceTest {

    @Test
    void clientSecretIsShownOnceAndNeverListed() {
        String code = Fixtures.partner("CLI");
        var created = given().auth().oauth2(Fixtures.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "portal", "scopes", List.of("registrations:write", "agents:read", "agents:read")))
                .post("/v1/admin/partners/{code}/clients", code)
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/clients/prc_"))
                .body("clientId", startsWith("prc_"))
                .body("clientSecret", startsWith("prs_"))
                .body("scopes", equalTo(List.of("agents:read", "registrations:write")))
                .extract();
        String clientId = created.path("clientId");
        given().auth().oauth2(Fixtures.adminToken()).get("/v1/admin/partners/{code}/clients", code)
                .then().statusCode(200)
                .body("items.clientId", hasItem(clientId))
                .body("items[0].clientSecret", nullValue())
                .body("items[0].status", equalTo("ACTIVE"))
                .body(not(org.hamcrest.Matchers.containsString("prs_")));
    }

    @Test
    void adminAndUnknownScopesAreRefusedForPartnerClients() {
        String code = Fixtures.partner("CLISC");
        given().auth().oauth2(Fixtures.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "portal", "scopes", List.of("agents:read", "admin", "root")))
                .post("/v1/admin/partners/{code}/clients", code)
                .then().statusCode(400)
                .body("errors.find { it.field == 'scopes[1]' }.code", equalTo("SCOPE_NOT_ALLOWED"))
                .body("errors.find { it.field == 'scopes[2]' }.code", equalTo("SCOPE_INVALID"));
        given().auth().oauth2(Fixtures.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "portal", "scopes", List.of()))
                .post("/v1/admin/partners/{code}/clients", code)
                .then().statusCode(400).body("errors[0].field", equalTo("scopes"));
        assertEquals(0, TestDb.count("select count(*) from oauth_client c join partner p on p.id = c.partner_id"
                + " where p.code = ?", code));
    }

    @Test
    void clientOfUnknownPartnerIs404() {
        given().auth().oauth2(Fixtures.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "portal", "scopes", List.of("agents:read")))
                .post("/v1/admin/partners/{code}/clients", "NO-SUCH-WADAH")
                .then().statusCode(404);
    }

    @Test
    void revokingThroughAnotherPartnersPathIs404AndChangesNothing() {
        String a = Fixtures.partner("ISOA");
        String b = Fixtures.partner("ISOB");
        String clientOfA = Fixtures.client(a, List.of("agents:read"))[0];
        given().auth().oauth2(Fixtures.adminToken()).delete("/v1/admin/partners/{code}/clients/{id}", b, clientOfA)
                .then().statusCode(404);
        assertEquals(0, TestDb.count("select count(*) from oauth_client where client_id = ? and revoked_at is not null",
                clientOfA));
        given().auth().oauth2(Fixtures.adminToken()).get("/v1/admin/partners/{code}/clients", b)
                .then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void revokeIsIdempotentAndAudited() {
        String code = Fixtures.partner("REV");
        String clientId = Fixtures.client(code, List.of("agents:read"))[0];
        String token = TestTokens.admin().claim("jti", "revoke-" + clientId).sign();
        given().auth().oauth2(token).delete("/v1/admin/partners/{code}/clients/{id}", code, clientId)
                .then().statusCode(204);
        // the second revoke changes nothing, so it leaves no second audit record
        given().auth().oauth2(token).header(AuditedWrites.NO_CHANGE, "revoked already")
                .delete("/v1/admin/partners/{code}/clients/{id}", code, clientId).then().statusCode(204);
        given().auth().oauth2(Fixtures.adminToken()).get("/v1/admin/partners/{code}/clients", code)
                .then().body("items[0].status", equalTo("REVOKED"));
        assertEquals(1, TestDb.count("select count(*) from audit_log where action = 'CLIENT_REVOKED' and resource_id = ?"
                + " and token_id = ?", clientId, "revoke-" + clientId));
        assertEquals(1, TestDb.count("select count(*) from audit_log where action = 'CLIENT_CREATED' and resource_id = ?",
                clientId));
    }
}
