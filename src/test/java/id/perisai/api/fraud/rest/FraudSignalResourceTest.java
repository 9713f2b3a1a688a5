package id.perisai.api.fraud.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import id.perisai.api.fraud.repository.FraudSignalRepository.NewSignal;
import id.perisai.api.fraud.rules.SignalType;
import id.perisai.api.fraud.service.FraudDetector;
import id.perisai.api.support.Agents;
import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.MovableTime;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.TestTokens;
import id.perisai.api.support.Workers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;

/**
 * Fraud signals through the API (growth.md §4): raised when a batch completes (SEQUENTIAL_NIKS, SHARED_PHONE,
 * AGENT_SELF_DEALING, AGENT_VELOCITY) and by the daily job (FIRST_PAYMENT_ONLY), each once even when two runs race
 * (as two replicas would, on the same database and unique key); evidence without plaintext; review; the payout hold.
 */
@QuarkusTest
class FraudSignalResourceTest {

    /** The phone Agents.create gives every test agent. */
    static final String AGENT_PHONE = "081234567890";
    static final long FULL = 36_800;

    @Inject
    FraudDetector detector;

    static ValidatableResponse signals(Map<String, Object> query) {
        return given().auth().oauth2(Fixtures.adminToken()).queryParams(query).get("/v1/admin/fraud-signals").then();
    }

    /** Waits for the after-commit check of the batches to have raised {@code count} signals of the agent. */
    static List<Map<String, Object>> awaitSignals(String agentCode, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            List<Map<String, Object>> items = signals(Map.of("agentCode", agentCode)).statusCode(200).extract()
                    .path("items");
            if (items.size() >= count || System.nanoTime() > deadline) {
                return items;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static Map<String, Object> ofType(List<Map<String, Object>> signals, String type) {
        return signals.stream().filter(s -> type.equals(s.get("type"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + signals));
    }

    @Test
    void twelveConsecutiveNiksASharedPhoneAndTheAgentsOwnPhoneRaiseSignalsThatHoldThePayout() {
        MovableTime time = MovableTime.installAtWib(LocalDateTime.of(2029, 10, 10, 10, 0));
        String partner = Fixtures.partner("FRD");
        String agent = Agents.create(partner);
        LocalDate birth = LocalDate.of(1990, 5, 15);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String prefix = String.format("32%02d%02d150590", r.nextInt(1, 70), r.nextInt(1, 100));
        int base = r.nextInt(1, 9000);
        String sharedPhone = "0813" + String.format("%08d", r.nextInt(100_000_000));
        List<Map<String, Object>> records = new ArrayList<>();
        List<String> niks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String nik = prefix + String.format("%04d", base + i);
            niks.add(nik);
            Map<String, Object> w = Workers.record("seq-" + i, nik, birth, "M");
            w.put("monthlyIncome", 1_000_000);
            w.put("programs", List.of("JKK", "JKM"));
            w.put("agentCode", agent);
            if (i < 3) {
                w.put("phone", sharedPhone);
            } else if (i == 3) {
                w.put("phone", AGENT_PHONE);
            }
            records.add(w);
        }
        String batchId = Batches.submitJson(partner, records);
        Batches.awaitCompleted(partner, batchId);

        List<Map<String, Object>> raised = awaitSignals(agent, 3);
        assertEquals(3, raised.size(), raised.toString());
        Map<String, Object> sequential = ofType(raised, "SEQUENTIAL_NIKS");
        assertEquals("LOW", sequential.get("severity"));
        assertEquals("OPEN", sequential.get("status"));
        assertEquals(partner, sequential.get("partnerCode"));
        Map<String, Object> evidence = (Map<String, Object>) sequential.get("evidence");
        assertEquals(batchId, evidence.get("batchId"));
        assertEquals(12, evidence.get("run"));
        assertEquals(3, ((Map<String, Object>) ofType(raised, "SHARED_PHONE").get("evidence")).get("participants"));
        Map<String, Object> selfDealing = ofType(raised, "AGENT_SELF_DEALING");
        assertEquals("HIGH", selfDealing.get("severity"));
        // evidence and every field: no NIK, no phone, no name in plaintext
        String all = signals(Map.of("agentCode", agent)).extract().asString();
        for (String nik : niks) {
            assertFalse(all.contains(nik), "plaintext NIK in " + all);
        }
        assertFalse(all.contains(sharedPhone.substring(1)), all);
        assertFalse(all.contains(AGENT_PHONE.substring(1)), all);
        assertFalse(all.contains("Budi"), all);
        assertTrue(all.contains(prefix.substring(0, 4) + "**********"), "masked NIKs in the evidence: " + all);

        // a second look (the daily job, another replica) raises nothing new
        time.setWib(LocalDateTime.of(2029, 10, 10, 23, 0));
        List<NewSignal> again = detector.daily().await().atMost(Duration.ofSeconds(30));
        assertTrue(again.stream().noneMatch(s -> s.agentId() != null && s.type() != SignalType.FIRST_PAYMENT_ONLY
                && agentIdOf(agent) == s.agentId()), again.toString());
        assertEquals(3, TestDb.count("select count(*) from fraud_signal s join agent a on a.id = s.agent_id"
                + " where a.agent_code = ?", agent));

        // partners never see signals
        given().auth().oauth2(TestTokens.partner(partner, "agents:read", "reports:read").sign())
                .get("/v1/admin/fraud-signals").then().statusCode(403);
        signals(Map.of("type", "SEQUENTIAL_NIKS", "status", "OPEN", "partnerCode", partner)).statusCode(200)
                .body("items.size()", equalTo(1));
        signals(Map.of("status", "nonsense")).statusCode(400);

        // the payout: each worker pays February; the period closes in March; the agent's line is HELD
        List<String[]> workers = new ArrayList<>();
        for (String nik : niks) {
            workers.add(new String[] { nik, null });
        }
        Agents.payOneMonth(partner, workers, "2029-10", 1_000_000 / 100 + 6_800);
        time.setWib(LocalDateTime.of(2029, 11, 2, 9, 0));
        given().auth().oauth2(Fixtures.adminToken()).post("/v1/admin/incentive-statements/{period}/close", "2029-10")
                .then().statusCode(200);
        long agentTotal = 12 * Math.round(16_800 * 0.15);
        Map<String, Object> held = payout(agent);
        assertEquals("HELD", held.get("status"));
        assertEquals((int) agentTotal, held.get("amount"));
        String csv = given().auth().oauth2(Fixtures.adminToken()).accept("text/csv")
                .get("/v1/admin/incentive-statements/{period}/payouts", "2029-10").then().statusCode(200).extract()
                .asString();
        assertTrue(csv.contains("," + agent + ",") && csv.contains("," + agentTotal + ",HELD"), csv);

        // review: the self-dealing signal was the agent's relative: CLEARED releases the line in the next export
        String selfId = (String) selfDealing.get("signalId");
        resolve(selfId, Map.of("resolution", "CLEARED", "suspendAgent", true)).statusCode(400)
                .body("errors[0].code", equalTo("SUSPEND_REQUIRES_CONFIRMED"));
        resolve(selfId, Map.of("resolution", "CLEARED", "note", "The participant is the agent's brother"))
                .statusCode(200).body("status", equalTo("CLEARED"))
                .body("note", equalTo("The participant is the agent's brother"));
        resolve(selfId, Map.of("resolution", "CONFIRMED")).statusCode(409);
        assertEquals("PAY", payout(agent).get("status"));
        assertEquals(1, TestDb.count("select count(*) from audit_log where action = 'FRAUD_SIGNAL_RESOLVED'"
                + " and resource_id = ?", selfId));

        // CONFIRMED with suspension suspends the agent
        resolve((String) sequential.get("signalId"), Map.of("resolution", "CONFIRMED", "suspendAgent", true))
                .statusCode(200).body("status", equalTo("CONFIRMED"));
        given().auth().oauth2(TestTokens.partner(partner, "agents:read").sign()).get("/v1/agents/{code}", agent).then()
                .statusCode(200).body("status", equalTo("SUSPENDED"));
        given().auth().oauth2(Fixtures.adminToken()).get("/q/metrics").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("perisai_fraud_signals{status=\"CONFIRMED\",type=\"SEQUENTIAL_NIKS\"}"), metrics
                .lines().filter(l -> l.contains("fraud")).toList().toString());
        assertTrue(metrics.contains("perisai_payouts_held_amount_rupiah"));
        resolve("00000000-0000-0000-0000-000000000000", Map.of("resolution", "CLEARED")).statusCode(404);
        resolve(selfId, Map.of("resolution", "MAYBE")).statusCode(400);
    }

    @Test
    void theDailyJobRunTwiceAtOnceRaisesEachSignalOnce() {
        MovableTime time = MovableTime.installAtWib(LocalDateTime.of(2028, 6, 10, 10, 0));
        String partner = Fixtures.partner("FRV");
        String agent = Agents.create(partner);
        List<String[]> workers = Agents.registerWorkers(partner, agent, 50);
        // 50 new registrations in one WIB day: AGENT_VELOCITY at completion; forget it to let the daily job find it
        awaitSignals(agent, 1);
        assertEquals(1, TestDb.update("delete from fraud_signal where type = 'AGENT_VELOCITY' and agent_id = "
                + agentIdOf(agent)));
        time.setWib(LocalDateTime.of(2028, 6, 11, 0, 30));
        List<NewSignal> both = race();
        assertEquals(1, both.stream().filter(s -> s.type() == SignalType.AGENT_VELOCITY
                && s.agentId() == agentIdOf(agent)).count(), both.toString());

        // 20 of them pay June only: three months later FIRST_PAYMENT_ONLY (HIGH)
        Agents.payOneMonth(partner, workers.subList(0, 20), "2028-06", FULL);
        time.setWib(LocalDateTime.of(2028, 8, 31, 23, 59));
        assertTrue(race().stream().noneMatch(s -> s.type() == SignalType.FIRST_PAYMENT_ONLY
                && s.agentId() == agentIdOf(agent)));
        time.setWib(LocalDateTime.of(2028, 9, 1, 0, 30));
        List<NewSignal> fpo = race();
        assertEquals(1, fpo.stream().filter(s -> s.type() == SignalType.FIRST_PAYMENT_ONLY
                && s.agentId() == agentIdOf(agent)).count(), fpo.toString());
        assertEquals(1, TestDb.count("select count(*) from fraud_signal where type = 'FIRST_PAYMENT_ONLY' and agent_id = "
                + agentIdOf(agent)));
        signals(Map.of("type", "FIRST_PAYMENT_ONLY", "agentCode", agent)).statusCode(200)
                .body("items[0].severity", equalTo("HIGH")).body("items[0].evidence.acquisitionsJudged", equalTo(20))
                .body("items[0].evidence.neverPaidSecondMonth", equalTo(20))
                .body("items.type", hasItem("FIRST_PAYMENT_ONLY"));
    }

    /** Two daily runs at once (as two replicas); returns what both raised together. */
    List<NewSignal> race() {
        return Uni.combine().all().unis(detector.daily(), detector.daily()).asTuple().map(t -> {
            List<NewSignal> all = new ArrayList<>(t.getItem1());
            all.addAll(t.getItem2());
            return all;
        }).await().atMost(Duration.ofSeconds(60));
    }

    static long agentIdOf(String agentCode) {
        return ((Number) TestDb.query("select id from agent where agent_code = ?", agentCode).get(0).get("id"))
                .longValue();
    }

    static ValidatableResponse resolve(String id, Map<String, Object> body) {
        return given().auth().oauth2(Fixtures.adminToken()).contentType("application/json").body(body)
                .post("/v1/admin/fraud-signals/{id}/resolve", id).then();
    }

    static Map<String, Object> payout(String agent) {
        List<Map<String, Object>> payouts = given().auth().oauth2(Fixtures.adminToken())
                .get("/v1/admin/incentive-statements/{period}/payouts", "2029-10").then().statusCode(200).extract()
                .path("payouts");
        return payouts.stream().filter(p -> agent.equals(p.get("agentCode"))).findFirst()
                .orElseThrow(() -> new AssertionError("no payout of " + agent + " in " + payouts));
    }
}
