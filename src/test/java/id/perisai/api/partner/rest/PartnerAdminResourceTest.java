package id.perisai.api.partner.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.Fixtures;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class PartnerAdminResourceTest {

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin().sign()).contentType(ContentType.JSON);
    }

    private static Map<String, Object> newPartner(String code) {
        return Map.of("code", code, "name", "DPC SPSI Kota Bandung", "type", "UNION", "branchOffice", "Bandung Suci",
                "quota", Map.of("registrationsPerDay", 5000, "contributionsPerDay", 20000, "maxBatchRecords", 100000,
                        "requestsPerMinute", 600));
    }

    @Test
    void createdPartnerIsReturnedWithLocationAndCanBeRead() {
        String code = Fixtures.uniqueCode("SPSI");
        String location = admin().body(newPartner(code)).post("/v1/admin/partners")
                .then().statusCode(201)
                .header("Location", endsWith("/v1/admin/partners/" + code))
                .body("code", equalTo(code))
                .body("status", equalTo("ACTIVE"))
                .body("type", equalTo("UNION"))
                .body("quota.maxBatchRecords", equalTo(100000))
                .body("createdAt", notNullValue())
                .body("id", nullValue())
                .body("version", nullValue())
                .extract().header("Location");
        given().auth().oauth2(TestTokens.admin().sign()).get(location)
                .then().statusCode(200).body("code", equalTo(code)).body("branchOffice", equalTo("Bandung Suci"));
    }

    @Test
    void partnerWithoutQuotaGetsTheDefaults() {
        String code = Fixtures.uniqueCode("DEF");
        admin().body(Map.of("code", code, "name", "Wadah", "type", "OTHER", "branchOffice", "Medan"))
                .post("/v1/admin/partners")
                .then().statusCode(201)
                .body("quota.registrationsPerDay", equalTo(5000))
                .body("quota.contributionsPerDay", equalTo(20000))
                .body("quota.maxBatchRecords", equalTo(100000))
                .body("quota.requestsPerMinute", equalTo(600));
    }

    @Test
    void duplicateCodeIsAConflict() {
        String code = Fixtures.uniqueCode("DUP");
        admin().body(newPartner(code)).post("/v1/admin/partners").then().statusCode(201);
        admin().body(newPartner(code)).post("/v1/admin/partners")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/problems/conflict"))
                .body("detail", equalTo("A partner with this code already exists"))
                .body(not(containsString(code)));
    }

    @Test
    void concurrentCreatesOfOneCodeYieldOneCreatedAndTheRestConflicts() throws Exception {
        String code = Fixtures.uniqueCode("RACE");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> admin().body(newPartner(code)).post("/v1/admin/partners").statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
            assertEquals(1, TestDb.count("select count(*) from partner where code = ?", code));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalidPartnerListsEveryInvalidField() {
        admin().body(Map.of("code", "x", "name", " ", "type", "UNION", "branchOffice", "",
                "quota", Map.of("registrationsPerDay", -1, "contributionsPerDay", 1, "maxBatchRecords", 0,
                        "requestsPerMinute", 1)))
                .post("/v1/admin/partners")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/problems/validation-failed"))
                .body("errors.field", hasItem("code"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("branchOffice"))
                .body("errors.field", hasItem("quota.registrationsPerDay"))
                .body("errors.field", hasItem("quota.maxBatchRecords"))
                .body("errors.find { it.field == 'code' }.code", equalTo("INVALID_FORMAT"))
                .body("errors.find { it.field == 'name' }.code", equalTo("REQUIRED"))
                .body("errors.find { it.field == 'quota.maxBatchRecords' }.code", equalTo("OUT_OF_RANGE"));
    }

    @Test
    void missingRequiredFieldsAreReported() {
        admin().body(Map.of("name", "Wadah")).post("/v1/admin/partners")
                .then().statusCode(400)
                .body("errors.find { it.field == 'code' }.code", equalTo("REQUIRED"))
                .body("errors.find { it.field == 'type' }.code", equalTo("REQUIRED"))
                .body("errors.find { it.field == 'branchOffice' }.code", equalTo("REQUIRED"));
    }

    @Test
    void unknownPropertiesAreRefused() {
        String code = Fixtures.uniqueCode("UNK");
        Map<String, Object> body = new java.util.HashMap<>(newPartner(code));
        body.put("status", "SUSPENDED");
        body.put("id", 1);
        admin().body(body).post("/v1/admin/partners")
                .then().statusCode(400)
                .body("errors[0].code", equalTo("UNKNOWN_FIELD"));
        assertEquals(0, TestDb.count("select count(*) from partner where code = ?", code));
    }

    @Test
    void wrongTypesAreRefusedNotCoerced() {
        String code = Fixtures.uniqueCode("TYP");
        admin().body("{\"code\":\"" + code + "\",\"name\":\"W\",\"type\":\"UNION\",\"branchOffice\":\"B\","
                + "\"quota\":{\"registrationsPerDay\":\"5000\",\"contributionsPerDay\":1,\"maxBatchRecords\":1,\"requestsPerMinute\":1}}")
                .post("/v1/admin/partners")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("quota.registrationsPerDay"));
        admin().body("{\"code\":\"" + code + "\",\"name\":12,\"type\":\"UNION\",\"branchOffice\":\"B\"}")
                .post("/v1/admin/partners")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        admin().body("{\"code\":\"" + code + "\",\"name\":\"W\",\"type\":\"union\",\"branchOffice\":\"B\"}")
                .post("/v1/admin/partners")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].message", containsString("AGGREGATOR"));
    }

    @Test
    void malformedAndEmptyBodiesAreBadRequests() {
        admin().body("{\"code\":").post("/v1/admin/partners").then().statusCode(400)
                .body("type", endsWith("/problems/malformed-request"));
        admin().body("[1,2]").post("/v1/admin/partners").then().statusCode(400);
        admin().body("{} trailing").post("/v1/admin/partners").then().statusCode(400);
        admin().post("/v1/admin/partners").then().statusCode(400);
        admin().body("[".repeat(5000)).post("/v1/admin/partners").then().statusCode(400);
    }

    @Test
    void unknownPartnerIs404() {
        given().auth().oauth2(TestTokens.admin().sign()).get("/v1/admin/partners/NOPE-{x}", "404")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", endsWith("/problems/not-found"));
        given().auth().oauth2(TestTokens.admin().sign()).get("/v1/admin/partners/not a code")
                .then().statusCode(404);
    }

    @Test
    void patchRenamesAndSuspendsAndIgnoresNothingSilently() {
        String code = Fixtures.partner("PATCH");
        admin().body(Map.of("name", "Renamed Wadah")).patch("/v1/admin/partners/{code}", code)
                .then().statusCode(200).body("name", equalTo("Renamed Wadah")).body("status", equalTo("ACTIVE"));
        given().auth().oauth2(TestTokens.admin().sign()).contentType("application/merge-patch+json")
                .body(Map.of("status", "SUSPENDED")).patch("/v1/admin/partners/{code}", code)
                .then().statusCode(200).body("status", equalTo("SUSPENDED")).body("name", equalTo("Renamed Wadah"));
        admin().body(Map.of()).patch("/v1/admin/partners/{code}", code).then().statusCode(400);
        admin().body(Map.of("code", "OTHER")).patch("/v1/admin/partners/{code}", code).then().statusCode(400)
                .body("errors[0].code", equalTo("UNKNOWN_FIELD"));
        admin().body(Map.of("status", "DELETED")).patch("/v1/admin/partners/{code}", code).then().statusCode(400);
        admin().body(Map.of("name", "x")).patch("/v1/admin/partners/{code}", "NOPE-PATCH").then().statusCode(404);
    }

    @Test
    void putQuotaReplacesAllFourAndRequiresThemAll() {
        String code = Fixtures.partner("QUOTA");
        admin().body(Map.of("registrationsPerDay", 10, "contributionsPerDay", 20, "maxBatchRecords", 30,
                "requestsPerMinute", 40)).put("/v1/admin/partners/{code}/quota", code)
                .then().statusCode(200)
                .body("quota.registrationsPerDay", equalTo(10))
                .body("quota.contributionsPerDay", equalTo(20))
                .body("quota.maxBatchRecords", equalTo(30))
                .body("quota.requestsPerMinute", equalTo(40));
        var row = TestDb.query("select registrations_per_day, max_batch_records from partner where code = ?", code).get(0);
        assertEquals(10, row.get("registrations_per_day"));
        assertEquals(30, row.get("max_batch_records"));
        admin().body(Map.of("registrationsPerDay", 10)).put("/v1/admin/partners/{code}/quota", code)
                .then().statusCode(400)
                .body("errors.field", hasItem("maxBatchRecords"));
    }

    @Test
    void listPagesThroughEveryPartnerInCodeOrderWithoutRepeats() {
        List<String> created = List.of(Fixtures.partner("PAGE"), Fixtures.partner("PAGE"), Fixtures.partner("PAGE"));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(TestTokens.admin().sign()).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/v1/admin/partners").then().statusCode(200).extract();
            List<String> codes = page.path("items.code");
            assertTrue(codes.size() <= 2);
            seen.addAll(codes);
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 10_000);
        assertTrue(seen.containsAll(created));
        assertEquals(seen.stream().distinct().count(), seen.size(), "no partner twice");
        assertEquals(seen.stream().sorted().toList(), seen, "code order");
    }

    @Test
    void listFiltersByStatus() {
        String suspended = Fixtures.partner("FILTER");
        Fixtures.setStatus(suspended, "SUSPENDED");
        given().auth().oauth2(TestTokens.admin().sign()).queryParam("status", "SUSPENDED").queryParam("limit", 500)
                .get("/v1/admin/partners").then().statusCode(200)
                .body("items.status", org.hamcrest.Matchers.everyItem(equalTo("SUSPENDED")));
        given().auth().oauth2(TestTokens.admin().sign()).queryParam("status", "GONE").get("/v1/admin/partners")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    void badPagingParametersAreNamed() {
        given().auth().oauth2(TestTokens.admin().sign()).queryParam("limit", 0).get("/v1/admin/partners")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(TestTokens.admin().sign()).queryParam("limit", 501).get("/v1/admin/partners")
                .then().statusCode(400).body("errors[0].code", equalTo("OUT_OF_RANGE"));
        given().auth().oauth2(TestTokens.admin().sign()).queryParam("limit", "ten").get("/v1/admin/partners")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(TestTokens.admin().sign()).queryParam("cursor", "%%%").get("/v1/admin/partners")
                .then().statusCode(400).body("errors[0].code", equalTo("INVALID_CURSOR"));
    }

    @Test
    void everyWriteIsAuditedWithTokenSubjectAndId() {
        String code = Fixtures.uniqueCode("AUDIT");
        String token = TestTokens.admin().claim("sub", "staff-" + code).claim("jti", "jti-" + code).sign();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(newPartner(code)).post("/v1/admin/partners")
                .then().statusCode(201);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "Renamed"))
                .patch("/v1/admin/partners/{code}", code).then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("registrationsPerDay", 1,
                "contributionsPerDay", 1, "maxBatchRecords", 1, "requestsPerMinute", 1))
                .put("/v1/admin/partners/{code}/quota", code).then().statusCode(200);
        var rows = TestDb.query("select action, subject, token_id, partner_code, resource_id, request_id, occurred_at"
                + " from audit_log where partner_code = ? order by id", code);
        assertEquals(List.of("PARTNER_CREATED", "PARTNER_UPDATED", "PARTNER_QUOTA_SET"),
                rows.stream().map(r -> r.get("action")).toList());
        for (var row : rows) {
            assertEquals("staff-" + code, row.get("subject"));
            assertEquals("jti-" + code, row.get("token_id"));
            assertEquals(code, row.get("resource_id"));
            assertTrue(row.get("request_id") != null && row.get("occurred_at") != null, row.toString());
        }
    }

    @Test
    void ownProfileIsTheTokensPartner() {
        String code = Fixtures.partner("OWN");
        given().auth().oauth2(TestTokens.partner(code, "incentives:read").sign()).get("/v1/partner")
                .then().statusCode(200).body("code", equalTo(code)).body("status", equalTo("ACTIVE"));
    }
}
