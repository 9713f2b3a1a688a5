package id.perisai.api.common.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.Payments;
import id.perisai.api.support.Workers;
import io.quarkus.test.junit.QuarkusTest;

/**
 * quality.md S8: a forged {@code Host} never ends up in a {@code Location}. Without {@code PERISAI_PUBLIC_BASE_URL}
 * (the test profile) every link is relative; {@code PackagedAppIT} checks the configured base.
 */
@QuarkusTest
class ForgedHostTest {

    static final String EVIL = "evil.example";

    @Test
    void createdPartnerAndClientLinksIgnoreTheHostHeader() {
        String code = Fixtures.uniqueCode("HOST");
        given().header("Host", EVIL).auth().oauth2(Fixtures.adminToken()).contentType("application/json")
                .body(Map.of("code", code, "name", "Wadah Host", "type", "COMMUNITY", "branchOffice", "Jakarta Salemba"))
                .post("/v1/admin/partners")
                .then().statusCode(201)
                .header("Location", equalTo("/v1/admin/partners/" + code));
        String clientId = given().header("Host", EVIL).auth().oauth2(Fixtures.adminToken()).contentType("application/json")
                .body(Map.of("name", "portal", "scopes", List.of("agents:read")))
                .post("/v1/admin/partners/{code}/clients", code)
                .then().statusCode(201)
                .header("Location", startsWith("/v1/admin/partners/" + code + "/clients/"))
                .extract().path("clientId");
        given().header("Host", EVIL).auth().oauth2(Fixtures.adminToken()).get("/v1/admin/partners/{code}/clients", code)
                .then().statusCode(200).body(not(containsString(EVIL))).body("items[0].clientId", equalTo(clientId));
    }

    @Test
    void batchLocationsIgnoreTheHostHeader() {
        String partner = Fixtures.partner("HOSTB");
        String location = given().config(Batches.UTF8).header("Host", EVIL).auth().oauth2(Batches.token(partner))
                .contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Batches.json(List.of(Workers.record("host-1"))))
                .post("/v1/registration-batches")
                .then().statusCode(202)
                .header("Location", startsWith("/v1/registration-batches/"))
                .extract().header("Location");
        given().auth().oauth2(Batches.token(partner)).get(location).then().statusCode(200);

        given().config(Batches.UTF8).header("Host", EVIL).auth().oauth2(Payments.token(partner))
                .contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("records", List.of(Payments.payment("3201014101900001", "2026-12", 1, 8400, "SELF"))))
                .post("/v1/contribution-batches")
                .then().statusCode(202)
                .header("Location", startsWith("/v1/contribution-batches/"));
    }
}
