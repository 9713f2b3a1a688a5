package id.perisai.api.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Sponsorships as agency staff create them and partners manage their rosters. */
public final class Sponsorships {

    private Sponsorships() {
    }

    /** Creates a sponsorship (admin) and returns its id. */
    public static String create(String partner, String payerType, String from, String to, int maxMembers) {
        return given().auth().oauth2(Fixtures.adminToken()).contentType("application/json")
                .body(Map.of("partnerCode", partner, "payerType", payerType, "payerName", "Payer " + payerType,
                        "reference", "REF-" + UUID.randomUUID().toString().substring(0, 8), "fromMonth", from,
                        "toMonth", to, "maxMembers", maxMembers))
                .post("/v1/admin/sponsorships").then().statusCode(201).extract().path("sponsorshipId");
    }

    public static Map<String, Object> member(String ref, String nik, String action, String fromMonth) {
        return Map.of("externalRef", ref, "nik", nik, "action", action, "fromMonth", fromMonth);
    }

    public static ExtractableResponse<Response> submit(String partner, String sponsorshipId, String contentType,
            Object body, String key, boolean dryRun) {
        return given().config(Batches.UTF8).auth().oauth2(Payments.token(partner)).contentType(contentType)
                .header("Idempotency-Key", key).queryParam("dryRun", dryRun).body(body)
                .post("/v1/sponsorships/{id}/member-batches", sponsorshipId).then().extract();
    }

    /** Submits a JSON member batch, waits for COMPLETED and returns the results in index order. */
    public static List<Map<String, Object>> apply(String partner, String sponsorshipId, List<Map<String, Object>> records,
            boolean dryRun) {
        var response = submit(partner, sponsorshipId, "application/json", Batches.json(records),
                UUID.randomUUID().toString(), dryRun);
        if (response.statusCode() != 202) {
            throw new AssertionError("expected 202, got " + response.statusCode() + ": " + response.asString());
        }
        return results(partner, sponsorshipId, response.path("batchId"));
    }

    public static List<Map<String, Object>> results(String partner, String sponsorshipId, String batchId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!"COMPLETED".equals(given().auth().oauth2(Payments.token(partner))
                .get("/v1/sponsorships/{id}/member-batches/{b}", sponsorshipId, batchId).then().statusCode(200).extract()
                .path("status"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("member batch not completed in time");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return given().auth().oauth2(Payments.token(partner)).queryParam("limit", 500)
                .get("/v1/sponsorships/{id}/member-batches/{b}/records", sponsorshipId, batchId).then().statusCode(200)
                .extract().path("items");
    }

    public static Map<String, Object> invoice(String partner, String sponsorshipId, String month) {
        return given().auth().oauth2(Payments.token(partner))
                .get("/v1/sponsorships/{id}/invoices/{m}", sponsorshipId, month).then().statusCode(200).extract()
                .as(Map.class);
    }

    public static ExtractableResponse<Response> pay(String partner, String sponsorshipId, String month, long amount,
            String paymentRef, String key) {
        return given().auth().oauth2(Payments.token(partner)).contentType("application/json").header("Idempotency-Key", key)
                .body(Map.of("paymentRef", paymentRef, "amount", amount, "paidAt", "2026-12-01T08:00:00+07:00"))
                .post("/v1/sponsorships/{id}/invoices/{m}/payments", sponsorshipId, month).then().extract();
    }
}
