package id.perisai.api.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Registering workers and paying their contributions, as partners' systems would. */
public final class Payments {

    private Payments() {
    }

    public static String token(String partner) {
        return TestTokens.partner(partner, "registrations:read", "registrations:write", "contributions:read",
                "contributions:write").sign();
    }

    /** Registers a worker (income 1,000,000, PEDAGANG, with JHT unless said otherwise) and returns [nik, participantId]. */
    public static String[] registered(String partner, boolean jht) {
        Map<String, Object> worker = Workers.record("w");
        worker.put("monthlyIncome", 1_000_000);
        worker.put("programs", jht ? List.of("JKK", "JKM", "JHT") : List.of("JKK", "JKM"));
        String batchId = Batches.submitJson(partner, List.of(worker));
        Batches.awaitCompleted(partner, batchId);
        Map<String, Object> result = Batches.results(partner, batchId).get(0);
        if (!"ACCEPTED".equals(result.get("status"))) {
            throw new AssertionError("not registered: " + result);
        }
        return new String[] { (String) worker.get("nik"), (String) result.get("participantId") };
    }

    public static Map<String, Object> payment(String nik, String periodStart, int months, long amount, String payerType) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("externalRef", "pay-" + periodStart);
        p.put("paymentRef", "REF-" + UUID.randomUUID());
        p.put("nik", nik);
        p.put("periodStart", periodStart);
        p.put("months", months);
        p.put("amount", amount);
        p.put("payerType", payerType);
        if (!"SELF".equals(payerType)) {
            p.put("payerName", "Payer of " + payerType);
        }
        p.put("paidAt", "2026-11-01T09:30:00+07:00");
        return p;
    }

    public static io.restassured.response.ExtractableResponse<io.restassured.response.Response> submit(String partner,
            List<Map<String, Object>> payments, boolean dryRun) {
        return given().config(Batches.UTF8).auth().oauth2(token(partner)).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).queryParam("dryRun", dryRun)
                .body(Batches.json(payments)).post("/v1/contribution-batches").then().extract();
    }

    /** Submits, waits for COMPLETED, returns every result in index order. */
    public static List<Map<String, Object>> pay(String partner, List<Map<String, Object>> payments) {
        return pay(partner, payments, false);
    }

    public static List<Map<String, Object>> pay(String partner, List<Map<String, Object>> payments, boolean dryRun) {
        var response = submit(partner, payments, dryRun);
        if (response.statusCode() != 202) {
            throw new AssertionError("expected 202, got " + response.statusCode() + ": " + response.asString());
        }
        String batchId = response.path("batchId");
        awaitCompleted(partner, batchId);
        return results(partner, batchId);
    }

    public static void awaitCompleted(String partner, String batchId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String status = given().auth().oauth2(token(partner)).get("/v1/contribution-batches/{id}", batchId).then()
                    .statusCode(200).extract().path("status");
            if ("COMPLETED".equals(status) || "FAILED".equals(status)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("contribution batch not completed: " + batchId);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static List<Map<String, Object>> results(String partner, String batchId) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token(partner)).queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/v1/contribution-batches/{id}/records", batchId).then().statusCode(200).extract();
            List<Map<String, Object>> items = page.path("items");
            all.addAll(items);
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return all;
    }

    /** The error codes of a result. */
    @SuppressWarnings("unchecked")
    public static List<String> codes(Map<String, Object> result) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) result.get("errors");
        return errors == null ? List.of() : errors.stream().map(e -> (String) e.get("code")).toList();
    }
}
