package id.perisai.api.support;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Perisai agents created through the API, and workers registered by them. */
public final class Agents {

    public static final String ACCOUNT_NUMBER = "0123456789";

    private Agents() {
    }

    /** An ACTIVE agent of the partner (an ACTIVE registry participant with a BNI account in the agent's name). */
    public static String create(String partner) {
        Map<String, Object> worker = Workers.record("agent");
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json")
                .body(Map.of("records",
                        List.of(Map.of("nik", worker.get("nik"), "status", "ACTIVE", "registeredOn", "2024-01-01"))))
                .post("/v1/admin/registry/participants").then().statusCode(200);
        Map<String, Object> application = new HashMap<>();
        application.put("nik", worker.get("nik"));
        application.put("fullName", "Siti Aminah");
        application.put("phone", "081234567890");
        application.put("bankCode", "BNI");
        application.put("bankAccountNumber", ACCOUNT_NUMBER);
        application.put("bankAccountName", "Siti Aminah");
        application.put("education", "SMA");
        return given().auth().oauth2(TestTokens.partner(partner, "agents:read", "agents:write").sign())
                .contentType("application/json").body(application).post("/v1/agents").then().statusCode(201).extract()
                .path("agentCode");
    }

    /**
     * Registers {@code count} new workers (income 1,000,000, PEDAGANG, JKK+JKM+JHT) with the agent; returns their
     * [nik, participantId] pairs.
     */
    public static List<String[]> registerWorkers(String partner, String agentCode, int count) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> w = Workers.record("w" + i);
            w.put("monthlyIncome", 1_000_000);
            w.put("programs", List.of("JKK", "JKM", "JHT"));
            w.put("occupation", "PEDAGANG");
            if (agentCode != null) {
                w.put("agentCode", agentCode);
            }
            records.add(w);
        }
        String batchId = Batches.submitJson(partner, records);
        Batches.awaitCompleted(partner, batchId);
        List<Map<String, Object>> results = Batches.results(partner, batchId);
        List<String[]> workers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!"ACCEPTED".equals(results.get(i).get("status"))) {
                throw new AssertionError("not registered: " + results.get(i));
            }
            workers.add(new String[] { (String) records.get(i).get("nik"), (String) results.get(i).get("participantId") });
        }
        return workers;
    }

    /** Pays one month (periodStart) for each worker, SELF, at the given amount; returns the results. */
    public static List<Map<String, Object>> payOneMonth(String partner, List<String[]> workers, String month, long amount) {
        List<Map<String, Object>> payments = new ArrayList<>();
        for (String[] w : workers) {
            payments.add(Payments.payment(w[0], month, 1, amount, "SELF"));
        }
        List<Map<String, Object>> results = Payments.pay(partner, payments);
        for (Map<String, Object> r : results) {
            if (!"ACCEPTED".equals(r.get("status"))) {
                throw new AssertionError("payment not accepted: " + r);
            }
        }
        return results;
    }
}
