package id.perisai.api.contribution.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.MovableTime;
import id.perisai.api.support.Payments;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.Workers;
import io.quarkus.test.junit.QuarkusTest;

/**
 * rules.md §4 over HTTP. Workers earn 1,000,000 a month as PEDAGANG (general class): with JHT a month costs 28,400 in
 * the discount window (to 2026-12) and 36,800 after it or when GOVERNMENT pays; today is 2026-11 unless a test moves
 * the clock.
 */
@QuarkusTest
class ContributionBatchResourceTest {

    static String partner;
    static String other;

    @BeforeEach
    void partners() {
        // the expected amounts and periods are those of 2026-11 (the general-class discount window)
        MovableTime.installAtWib(LocalDateTime.of(2026, 11, 21, 10, 0));
        if (partner == null) {
            partner = Fixtures.partner("PAY");
            other = Fixtures.partner("PAYB");
        }
    }

    static Map<String, Object> participant(String partnerCode, String participantId) {
        return given().auth().oauth2(Payments.token(partnerCode)).get("/v1/participants/{id}", participantId).then()
                .statusCode(200).extract().as(Map.class);
    }

    @Test
    void acceptedPaymentAdvancesCoverageAndIsListedWithItsMonths() {
        String[] w = Payments.registered(partner, true);
        var payment = Payments.payment(w[0], "2026-11", 2, 56_800, "SELF");
        var results = Payments.pay(partner, List.of(payment));
        assertEquals("ACCEPTED", results.get(0).get("status"), results.toString());
        assertNotNull(results.get(0).get("contributionId"));
        assertEquals("2026-12", participant(partner, w[1]).get("coveredUntil"));
        given().auth().oauth2(Payments.token(partner)).get("/v1/participants/{id}/contributions", w[1]).then().statusCode(200)
                .body("items[0].contributionId", equalTo(results.get(0).get("contributionId")))
                .body("items[0].amount", equalTo(56_800))
                .body("items[0].payerType", equalTo("SELF"))
                .body("items[0].paymentRef", equalTo(payment.get("paymentRef")))
                .body("items[0].coveredMonths.month", equalTo(List.of("2026-11", "2026-12")))
                .body("items[0].coveredMonths[0].jkk", equalTo(5_000))
                .body("items[0].coveredMonths[0].jkm", equalTo(3_400))
                .body("items[0].coveredMonths[0].jht", equalTo(20_000))
                .body("items[0].coveredMonths[0].discounted", equalTo(true));
        assertEquals(2, TestDb.count("select count(*) from contribution_month m join contribution c on c.id = m.contribution_id"
                + " where c.participant_id = ?::uuid", w[1]));
    }

    @Test
    void everyPayerTypePaysItsOwnDueAndThePayerIsStoredApart() {
        Map<String, Long> due = Map.of("SELF", 28_400L, "PARTNER", 28_400L, "DONOR", 28_400L, "GOVERNMENT", 36_800L);
        List<Map<String, Object>> payments = new ArrayList<>();
        List<String> participants = new ArrayList<>();
        for (String payer : List.of("SELF", "PARTNER", "DONOR", "GOVERNMENT")) {
            String[] w = Payments.registered(partner, true);
            participants.add(w[1]);
            payments.add(Payments.payment(w[0], "2026-11", 1, due.get(payer), payer));
        }
        var results = Payments.pay(partner, payments);
        assertEquals(List.of("ACCEPTED", "ACCEPTED", "ACCEPTED", "ACCEPTED"),
                results.stream().map(r -> r.get("status")).toList(),
                results.toString());
        var row = TestDb.query("select payer_type, payer_name from contribution where participant_id = ?::uuid",
                participants.get(3)).get(0);
        assertEquals("GOVERNMENT", row.get("payer_type"));
        assertEquals("Payer of GOVERNMENT", row.get("payer_name"));
    }

    @Test
    void paymentsForOneParticipantInOneBatchApplyInOrder() {
        String[] w = Payments.registered(partner, true);
        var results = Payments.pay(partner, List.of(Payments.payment(w[0], "2026-11", 1, 28_400, "SELF"),
                Payments.payment(w[0], "2026-12", 1, 28_400, "SELF"), Payments.payment(w[0], "2027-01", 2, 73_600, "SELF")));
        assertEquals(List.of("ACCEPTED", "ACCEPTED", "ACCEPTED"), results.stream().map(r -> r.get("status")).toList(),
                results.toString());
        assertEquals("2027-02", participant(partner, w[1]).get("coveredUntil"));
    }

    @Test
    void everyRejectionCode() {
        String[] w = Payments.registered(partner, true);
        String[] voided = Payments.registered(partner, true);
        TestDb.update("update participant set status = 'VOID' where id = ?::uuid", voided[1]);
        Map<String, Object> duplicateRef = Payments.payment(w[0], "2026-11", 1, 28_400, "SELF");
        var first = Payments.pay(partner, List.of(duplicateRef, Payments.payment(w[0], "2026-12", 1, 28_400, "SELF")));
        assertEquals("ACCEPTED", first.get(0).get("status"));
        Map<String, Object> sameRefInBatch = Payments.payment(w[0], "2027-01", 1, 36_800, "SELF");
        Map<String, Object> sameRefAgain = new java.util.HashMap<>(sameRefInBatch);
        sameRefAgain.put("periodStart", "2027-02");
        Map<String, Object> missingFields = Payments.payment(w[0], "2027-01", 1, 36_800, "GOVERNMENT");
        missingFields.remove("payerName");
        missingFields.put("months", 0);
        var results = Payments.pay(partner, List.of(
                Payments.payment(Workers.nik(java.time.LocalDate.of(1990, 1, 1), "M"), "2026-11", 1, 28_400, "SELF"),
                Payments.payment(voided[0], "2026-11", 1, 28_400, "SELF"),
                Payments.payment(w[0], "2027-02", 1, 36_800, "SELF"),
                Payments.payment(w[0], "2026-12", 1, 28_400, "SELF"),
                Payments.payment(w[0], "2027-01", 1, 30_000, "SELF"),
                duplicateRef,
                sameRefInBatch,
                sameRefAgain,
                missingFields));
        assertEquals(List.of("PARTICIPANT_NOT_FOUND"), Payments.codes(results.get(0)));
        assertEquals(List.of("PARTICIPANT_NOT_FOUND"), Payments.codes(results.get(1)));
        assertEquals(List.of("PERIOD_NOT_CONTIGUOUS"), Payments.codes(results.get(2)));
        assertEquals(List.of("PERIOD_ALREADY_PAID"), Payments.codes(results.get(3)));
        assertEquals(List.of("AMOUNT_MISMATCH"), Payments.codes(results.get(4)));
        assertEquals(36_800, results.get(4).get("expectedAmount"));
        assertEquals("DUPLICATE", results.get(5).get("status"));
        assertEquals(List.of("PAYMENT_DUPLICATE"), Payments.codes(results.get(5)));
        assertEquals("ACCEPTED", results.get(6).get("status"));
        assertEquals("DUPLICATE", results.get(7).get("status"), "the same reference later in the batch");
        assertEquals(List.of("MONTHS_INVALID", "PAYER_NAME_REQUIRED".replace("PAYER_NAME_REQUIRED", "REQUIRED")),
                Payments.codes(results.get(8)));
        for (int i = 0; i < 5; i++) {
            assertEquals("REJECTED", results.get(i).get("status"));
        }
    }

    @Test
    void coverageMayReachTwelveMonthsAheadButNotMore() {
        String[] w = Payments.registered(partner, true);
        var twelve = Payments.pay(partner, List.of(Payments.payment(w[0], "2026-11", 12, 2 * 28_400 + 10 * 36_800, "SELF")));
        assertEquals("ACCEPTED", twelve.get(0).get("status"), twelve.toString());
        var more = Payments.pay(partner, List.of(Payments.payment(w[0], "2027-11", 2, 2 * 36_800, "SELF")));
        assertEquals(List.of("PERIOD_TOO_FAR_AHEAD"), Payments.codes(more.get(0)));
        var last = Payments.pay(partner, List.of(Payments.payment(w[0], "2027-11", 1, 36_800, "SELF")));
        assertEquals("ACCEPTED", last.get(0).get("status"), "2027-11 is twelve months past 2026-11");
    }

    @Test
    void racingPaymentsForOneParticipantCoverEachMonthOnce() throws Exception {
        String[] w = Payments.registered(partner, true);
        List<Callable<List<Map<String, Object>>>> payers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String payer = i % 2 == 0 ? partner : other;
            payers.add(() -> Payments.pay(payer, List.of(Payments.payment(w[0], "2026-11", 1, 28_400, "SELF"))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Object> statuses = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        try {
            for (Future<List<Map<String, Object>>> f : pool.invokeAll(payers)) {
                Map<String, Object> result = f.get().get(0);
                statuses.add(result.get("status"));
                codes.addAll(Payments.codes(result));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, statuses.stream().filter("ACCEPTED"::equals).count(), statuses.toString());
        assertEquals(7, codes.stream().filter("PERIOD_ALREADY_PAID"::equals).count(), codes.toString());
        assertEquals(1, TestDb.count("select count(*) from contribution_month m join contribution c on c.id = m.contribution_id"
                + " where c.participant_id = ?::uuid and m.month = date '2026-11-01'", w[1]));
        assertEquals("2026-11", participant(partner, w[1]).get("coveredUntil"));
    }

    @Test
    void lapsedParticipantIsRefusedAndReRegistrationRestartsCoverage() {
        MovableTime time = MovableTime.installAtWib(LocalDateTime.of(2026, 6, 10, 10, 0));
        Map<String, Object> worker = Workers.record("lapse");
        worker.put("monthlyIncome", 1_000_000);
        String batchId = Batches.submitJson(partner, List.of(worker));
        Batches.awaitCompleted(partner, batchId);
        String participantId = (String) Batches.results(partner, batchId).get(0).get("participantId");
        time.setWib(LocalDateTime.of(2026, 9, 30, 12, 0));
        assertEquals("ACTIVE", participant(partner, participantId).get("status"), "2026-06 is still payable in 2026-09");
        time.setWib(LocalDateTime.of(2026, 10, 1, 12, 0));
        assertEquals("LAPSED", participant(partner, participantId).get("status"));
        Map<String, Object> arrears = Payments.payment((String) worker.get("nik"), "2026-06", 1, 28_400, "SELF");
        arrears.put("paidAt", "2026-09-30T09:00:00+07:00");
        assertEquals(List.of("PARTICIPANT_LAPSED"), Payments.codes(Payments.pay(partner, List.of(arrears)).get(0)));

        String again = Batches.submitJson(partner, List.of(worker));
        Batches.awaitCompleted(partner, again);
        var reactivated = Batches.results(partner, again).get(0);
        assertEquals("ACCEPTED", reactivated.get("status"));
        assertEquals(Boolean.FALSE, reactivated.get("newParticipant"));
        assertEquals(participantId, reactivated.get("participantId"));
        assertEquals("ACTIVE", participant(partner, participantId).get("status"));
        Map<String, Object> fresh = Payments.payment((String) worker.get("nik"), "2026-10", 1, 28_400, "SELF");
        fresh.put("paidAt", "2026-10-01T09:00:00+07:00");
        assertEquals("ACCEPTED", Payments.pay(partner, List.of(fresh)).get(0).get("status"),
                "coverage restarts at the month of reactivation");
    }

    @Test
    void dryRunDecidesInOrderButStoresNothing() {
        String[] w = Payments.registered(partner, true);
        var results = Payments.pay(partner, List.of(Payments.payment(w[0], "2026-11", 1, 28_400, "SELF"),
                Payments.payment(w[0], "2026-12", 1, 28_400, "SELF"), Payments.payment(w[0], "2026-12", 1, 28_400, "SELF")),
                true);
        assertEquals(List.of("ACCEPTED", "ACCEPTED", "REJECTED"), results.stream().map(r -> r.get("status")).toList(),
                results.toString());
        assertNull(results.get(0).get("contributionId"));
        assertEquals(List.of("PERIOD_ALREADY_PAID"), Payments.codes(results.get(2)));
        assertNull(participant(partner, w[1]).get("coveredUntil"));
        assertEquals(0, TestDb.count("select count(*) from contribution where participant_id = ?::uuid", w[1]));
        assertEquals("ACCEPTED", Payments.pay(partner, List.of(Payments.payment(w[0], "2026-11", 1, 28_400, "SELF"))).get(0)
                .get("status"));
    }

    @Test
    void anyPartnerMayPayButReadsBackOnlyItsOwnRecords() {
        String[] w = Payments.registered(partner, true);
        var response = Payments.submit(other, List.of(Payments.payment(w[0], "2026-11", 1, 36_800, "GOVERNMENT")), false);
        String batchId = response.path("batchId");
        Payments.awaitCompleted(other, batchId);
        assertEquals("ACCEPTED", Payments.results(other, batchId).get(0).get("status"));
        given().auth().oauth2(Payments.token(other)).get("/v1/participants/{id}/contributions", w[1]).then().statusCode(404);
        given().auth().oauth2(Payments.token(other)).get("/v1/participants/{id}", w[1]).then().statusCode(404);
        given().auth().oauth2(Payments.token(partner)).get("/v1/participants/{id}/contributions", w[1]).then().statusCode(200)
                .body("items[0].payerType", equalTo("GOVERNMENT"))
                .body("items[0]", not(hasKey("paymentRef")));
        given().auth().oauth2(Payments.token(partner)).get("/v1/contribution-batches/{id}", batchId).then().statusCode(404);
        given().auth().oauth2(Payments.token(partner)).get("/v1/contribution-batches/{id}/records", batchId).then()
                .statusCode(404);
    }

    @Test
    void quoteIsTheDueMonthByMonth() {
        String[] w = Payments.registered(partner, true);
        given().auth().oauth2(Payments.token(other)).contentType("application/json")
                .body(Map.of("nik", w[0], "periodStart", "2026-11", "months", 3, "payerType", "SELF"))
                .post("/v1/contributions/quote").then().statusCode(200)
                .body("amount", equalTo(93_600))
                .body("months.month", equalTo(List.of("2026-11", "2026-12", "2027-01")))
                .body("months.discounted", equalTo(List.of(true, true, false)));
        given().auth().oauth2(Payments.token(partner)).contentType("application/json")
                .body(Map.of("nik", w[0], "periodStart", "2026-11", "months", 3, "payerType", "GOVERNMENT"))
                .post("/v1/contributions/quote").then().statusCode(200).body("amount", equalTo(110_400));
        given().auth().oauth2(Payments.token(partner)).contentType("application/json")
                .body(Map.of("nik", Workers.nik(java.time.LocalDate.of(1990, 1, 1), "F"), "periodStart", "2026-11", "months", 1,
                        "payerType", "SELF"))
                .post("/v1/contributions/quote").then().statusCode(404);
        given().auth().oauth2(Payments.token(partner)).contentType("application/json")
                .body(Map.of("nik", "123", "periodStart", "11-2026", "months", 13, "payerType", "BANK"))
                .post("/v1/contributions/quote").then().statusCode(400)
                .body("errors.code", hasItem("NIK_INVALID")).body("errors.code", hasItem("PERIOD_INVALID"))
                .body("errors.code", hasItem("MONTHS_INVALID")).body("errors.code", hasItem("PAYER_TYPE_INVALID"));
    }

    @Test
    void contributionsCountAgainstTheirOwnDailyQuota() {
        String limited = Fixtures.partner("PAYQ", 1000, 2, 1000, 1000);
        String[] w = Payments.registered(limited, true);
        var refused = Payments.submit(limited, List.of(Payments.payment(w[0], "2026-11", 1, 28_400, "SELF"),
                Payments.payment(w[0], "2026-12", 1, 28_400, "SELF"), Payments.payment(w[0], "2027-01", 1, 36_800, "SELF")),
                false);
        assertEquals(429, refused.statusCode());
        assertEquals(List.of("contributions"), refused.path("violatedPolicies"));
        assertEquals(202, Payments.submit(limited, List.of(Payments.payment(w[0], "2026-11", 1, 28_400, "SELF")), false)
                .statusCode());
    }

    @Test
    void resultsDownloadAsCsvWithTheExpectedAmount() {
        String[] w = Payments.registered(partner, true);
        var response = Payments.submit(partner, List.of(Payments.payment(w[0], "2026-11", 1, 1, "SELF")), false);
        String batchId = response.path("batchId");
        Payments.awaitCompleted(partner, batchId);
        String csv = given().auth().oauth2(Payments.token(partner)).accept("text/csv")
                .get("/v1/contribution-batches/{id}/records", batchId).then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("index,externalRef,status,contributionId,expectedAmount,errors", lines[0]);
        assertTrue(lines[1].endsWith(",REJECTED,,28400,amount:AMOUNT_MISMATCH"), lines[1]);
    }
}
