package id.perisai.api.quota;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.MovableTime;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.TestTokens;
import id.perisai.api.support.Workers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** api.md → Quotas; quality.md R3 (single instance; the two-instance proof is QuotaAcrossReplicasIT). */
@QuarkusTest
class QuotaEnforcementTest {

    static ExtractableResponse<Response> submit(String partner, int records) {
        return Batches.submit(partner, "application/json", Batches.json(Workers.records(records, "q")),
                UUID.randomUUID().toString());
    }

    static long used(String partner, String quota) {
        return TestDb.count("select coalesce(sum(u.used), 0) from quota_usage u join partner p on p.id = u.partner_id"
                + " where p.code = ? and u.quota = ?", partner, quota);
    }

    static long batches(String partner) {
        return TestDb.count("select count(*) from batch b join partner p on p.id = b.partner_id where p.code = ?",
                partner);
    }

    @Test
    void batchOverMaxBatchRecordsIs413AndStoresNothing() {
        String partner = Fixtures.partner("QMAX", 1000, 1000, 3, 1000);
        assertEquals(202, submit(partner, 3).statusCode());
        var refused = submit(partner, 4);
        assertEquals(413, refused.statusCode(), refused.asString());
        assertTrue(refused.<String> path("type").endsWith("/problems/batch-too-large"));
        assertEquals(3, (int) refused.path("maxBatchRecords"));
        assertEquals(1, batches(partner));
        assertEquals(3, used(partner, "registrations"));
    }

    @Test
    void dailyQuotaHoldsExactlyAtItsBoundaryAndARefusalStoresNothing() {
        MovableTime.installAtWib(LocalDateTime.of(2026, 11, 21, 10, 0));
        String partner = Fixtures.partner("QDAY", 5, 1000, 1000, 1000);
        var first = submit(partner, 3);
        assertEquals(202, first.statusCode());
        Batches.awaitCompleted(partner, first.path("batchId"));
        long participants = TestDb.count("select count(*) from participant");
        var refused = submit(partner, 3);
        assertEquals(429, refused.statusCode(), refused.asString());
        assertTrue(refused.<String> path("type").endsWith("/problems/quota-exceeded"));
        assertEquals(List.of("registrations"), refused.path("violatedPolicies"));
        assertEquals(String.valueOf(14 * 3600), refused.header("Retry-After"), "seconds until 00:00 WIB");
        assertEquals(1, batches(partner));
        assertEquals(3, used(partner, "registrations"));
        assertEquals(participants, TestDb.count("select count(*) from participant"));
        assertEquals(202, submit(partner, 2).statusCode(), "exactly the limit");
        assertEquals(5, used(partner, "registrations"));
        assertEquals(429, submit(partner, 1).statusCode(), "one more is refused");
        assertEquals(5, used(partner, "registrations"));
    }

    @Test
    void recordsCountWhetherValidOrNot() {
        String partner = Fixtures.partner("QALL", 2, 1000, 1000, 1000);
        var records = Workers.records(2, "all");
        records.get(1).put("gender", "?");
        assertEquals(202, Batches.submit(partner, "application/json", Batches.json(records), UUID.randomUUID().toString())
                .statusCode());
        assertEquals(2, used(partner, "registrations"));
    }

    @Test
    void quotaResetsAtMidnightWib() {
        MovableTime time = MovableTime.installAtWib(LocalDateTime.of(2026, 11, 21, 23, 59, 50));
        String partner = Fixtures.partner("QROLL", 2, 1000, 1000, 1000);
        assertEquals(202, submit(partner, 2).statusCode());
        var refused = submit(partner, 1);
        assertEquals(429, refused.statusCode());
        assertEquals("10", refused.header("Retry-After"));
        time.setWib(LocalDateTime.of(2026, 11, 22, 0, 0, 0));
        assertEquals(202, submit(partner, 2).statusCode(), "a new WIB day");
        assertEquals(429, submit(partner, 1).statusCode());
        assertEquals(2, TestDb.count("select count(*) from quota_usage u join partner p on p.id = u.partner_id"
                + " where p.code = ? and u.used = 2", partner), "one usage row per WIB day");
    }

    @Test
    void dryRunsAndReplaysConsumeNothing() {
        String partner = Fixtures.partner("QFREE", 2, 1000, 1000, 1000);
        String key = UUID.randomUUID().toString();
        String body = Batches.json(Workers.records(2, "once"));
        for (int i = 0; i < 3; i++) {
            given().config(Batches.UTF8).auth().oauth2(Batches.token(partner)).contentType("application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString()).queryParam("dryRun", true)
                    .body(Batches.json(Workers.records(2, "dry"))).post("/v1/registration-batches").then().statusCode(202);
        }
        assertEquals(0, used(partner, "registrations"));
        assertEquals(202, Batches.submit(partner, "application/json", body, key).statusCode());
        assertEquals(202, Batches.submit(partner, "application/json", body, key).statusCode(), "replay");
        assertEquals(202, Batches.submit(partner, "application/json", body, key).statusCode(), "replay");
        assertEquals(2, used(partner, "registrations"));
    }

    @Test
    void requestRateIsLimitedPerMinuteWithRetryAfter() {
        MovableTime time = MovableTime.installAtWib(LocalDateTime.of(2026, 11, 21, 9, 30, 15));
        String partner = Fixtures.partner("QRPM", 1000, 1000, 1000, 3);
        String token = TestTokens.partner(partner, "agents:read").sign();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/v1/partner").then().statusCode(200);
        }
        given().auth().oauth2(token).get("/v1/agents").then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", endsWith("/problems/rate-limited"))
                .header("Retry-After", "45")
                .header("RateLimit", containsString("\"requests\";r=0;t=45"));
        time.setWib(LocalDateTime.of(2026, 11, 21, 9, 31, 0));
        given().auth().oauth2(token).get("/v1/partner").then().statusCode(200)
                .header("RateLimit", containsString("\"requests\";r=2;t=60"));
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertTrue(metrics.contains("perisai_quota_refusals_total{partner=\"" + partner + "\",quota=\"requests\"}"), metrics);
    }

    @Test
    void everyPartnerResponseCarriesRateLimitHeadersAfterItsWork() {
        MovableTime.installAtWib(LocalDateTime.of(2026, 11, 21, 20, 0, 0));
        String partner = Fixtures.partner("QHDR", 50, 70, 1000, 90);
        given().auth().oauth2(Batches.token(partner)).get("/v1/partner").then().statusCode(200)
                .header("RateLimit-Policy", equalTo("\"registrations\";q=50;w=86400, \"contributions\";q=70;w=86400,"
                        + " \"requests\";q=90;w=60"))
                .header("RateLimit", equalTo("\"registrations\";r=50;t=14400, \"contributions\";r=70;t=14400,"
                        + " \"requests\";r=89;t=60"));
        var accepted = submit(partner, 4);
        assertEquals(202, accepted.statusCode());
        assertTrue(accepted.header("RateLimit").startsWith("\"registrations\";r=46;t=14400"), accepted.header("RateLimit"));
        var refused = submit(partner, 100);
        assertEquals(429, refused.statusCode());
        assertTrue(refused.header("RateLimit").startsWith("\"registrations\";r=46;"), "errors carry them too");
        given().auth().oauth2(Batches.token(partner)).get("/v1/registration-batches/00000000-0000-0000-0000-000000000000")
                .then().statusCode(404).header("RateLimit-Policy", containsString("\"requests\";q=90"));
        given().auth().oauth2(Fixtures.adminToken()).get("/v1/admin/partners/{code}", partner).then().statusCode(200)
                .header("RateLimit", (String) null);
    }

    @Test
    void quotaEndpointReportsEveryQuota() {
        MovableTime.installAtWib(LocalDateTime.of(2026, 11, 21, 12, 0, 30));
        String partner = Fixtures.partner("QGET", 100, 200, 300, 400);
        assertEquals(202, submit(partner, 7).statusCode());
        given().auth().oauth2(TestTokens.partner(partner, "incentives:read").sign()).get("/v1/quota").then().statusCode(200)
                .body("partnerCode", equalTo(partner))
                .body("timezone", equalTo("Asia/Jakarta"))
                .body("maxBatchRecords", equalTo(300))
                .body("quotas.name", equalTo(List.of("registrations", "contributions", "requests")))
                .body("quotas[0].limit", equalTo(100)).body("quotas[0].used", equalTo(7))
                .body("quotas[0].remaining", equalTo(93)).body("quotas[0].windowSeconds", equalTo(86400))
                .body("quotas[0].resetsAt", equalTo("2026-11-21T17:00:00Z"))
                .body("quotas[1].remaining", equalTo(200))
                .body("quotas[2].limit", equalTo(400)).body("quotas[2].used", equalTo(2))
                .body("quotas[2].windowSeconds", equalTo(60)).body("quotas[2].resetsAt", equalTo("2026-11-21T05:01:00Z"));
        given().auth().oauth2(Fixtures.adminToken()).get("/v1/quota").then().statusCode(403);
    }

    @Test
    void quotaChangedByAdminAppliesToTheNextRequest() {
        String partner = Fixtures.partner("QCHG", 1, 1000, 1000, 1000);
        assertEquals(429, submit(partner, 2).statusCode());
        Fixtures.setQuota(partner, 10, 1000, 1000, 1000);
        assertEquals(202, submit(partner, 2).statusCode());
        Fixtures.setQuota(partner, 10, 1000, 1, 1000);
        assertEquals(413, submit(partner, 2).statusCode());
        Fixtures.setQuota(partner, 10, 1000, 1000, 1);
        given().auth().oauth2(Batches.token(partner)).get("/v1/partner").then().statusCode(429)
                .body("type", endsWith("/problems/rate-limited"));
        Fixtures.setQuota(partner, 10, 1000, 1000, 1000);
        given().auth().oauth2(Batches.token(partner)).get("/v1/partner").then().statusCode(200);
    }
}
