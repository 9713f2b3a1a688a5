package id.perisai.api.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.restassured.http.ContentType;

/** Creates partners and clients through the admin API, with codes unique to the test run. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A fresh partner code with the given prefix (at most 20 characters). */
    public static String uniqueCode(String prefix) {
        return prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36)
                .toUpperCase();
    }

    public static String adminToken() {
        return TestTokens.admin().sign();
    }

    /** Creates an ACTIVE partner with quotas no test reaches by accident, and returns its code. */
    public static String partner(String prefix) {
        return partner(prefix, 1_000_000, 1_000_000, 1_000_000, 1_000_000);
    }

    /** Creates an ACTIVE partner with the given quotas and returns its code. */
    public static String partner(String prefix, int registrationsPerDay, int contributionsPerDay, int maxBatchRecords,
            int requestsPerMinute) {
        String code = uniqueCode(prefix);
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "Wadah " + code, "type", "COMMUNITY", "branchOffice", "Jakarta Salemba",
                        "quota", Map.of("registrationsPerDay", registrationsPerDay, "contributionsPerDay", contributionsPerDay,
                                "maxBatchRecords", maxBatchRecords, "requestsPerMinute", requestsPerMinute)))
                .post("/v1/admin/partners")
                .then().statusCode(201);
        return code;
    }

    public static void setQuota(String partnerCode, int registrationsPerDay, int contributionsPerDay, int maxBatchRecords,
            int requestsPerMinute) {
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("registrationsPerDay", registrationsPerDay, "contributionsPerDay", contributionsPerDay,
                        "maxBatchRecords", maxBatchRecords, "requestsPerMinute", requestsPerMinute))
                .put("/v1/admin/partners/{code}/quota", partnerCode).then().statusCode(200);
    }

    /** Creates a client of the partner; returns [clientId, clientSecret]. */
    public static String[] client(String partnerCode, List<String> scopes) {
        var response = given().auth().oauth2(adminToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "test client", "scopes", scopes))
                .post("/v1/admin/partners/{code}/clients", partnerCode)
                .then().statusCode(201).extract();
        return new String[] { response.path("clientId"), response.path("clientSecret") };
    }

    public static void setStatus(String partnerCode, String status) {
        given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body(Map.of("status", status))
                .patch("/v1/admin/partners/{code}", partnerCode).then().statusCode(200);
    }
}
