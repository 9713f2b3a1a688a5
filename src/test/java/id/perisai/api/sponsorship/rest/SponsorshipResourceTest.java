package id.perisai.api.sponsorship.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import id.perisai.api.support.Agents;
import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.MovableTime;
import id.perisai.api.support.Payments;
import id.perisai.api.support.Sponsorships;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.TestTokens;
import id.perisai.api.support.Workers;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Sponsorships over HTTP (growth.md §2). Workers earn 1,000,000 as PEDAGANG with JHT: a 2026-12 month costs 28,400
 * under the general-class discount (SELF, DONOR, PARTNER) and 36,800 when GOVERNMENT pays; 2027-01 costs 36,800 for
 * everybody. Today is 2026-12-10 unless a test moves the clock.
 */
@QuarkusTest
class SponsorshipResourceTest {

    MovableTime time;

    @BeforeEach
    void clock() {
        time = MovableTime.installAtWib(LocalDateTime.of(2026, 12, 10, 10, 0));
    }

    static List<String> statuses(List<Map<String, Object>> results) {
        return results.stream().map(r -> (String) r.get("status")).toList();
    }

    static String code(Map<String, Object> result) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) result.get("errors");
        return errors == null || errors.isEmpty() ? null : (String) errors.get(0).get("code");
    }

    @Test
    void governmentSponsorshipFromMembersToPaidInvoice() {
        String partner = Fixtures.partner("SPA");
        String other = Fixtures.partner("SPB");
        String agent = Agents.create(partner);
        List<String[]> w = Agents.registerWorkers(partner, agent, 4);
        String[] elsewhere = Payments.registered(other, true);
        String id = Sponsorships.create(partner, "GOVERNMENT", "2026-12", "2027-11", 3);

        given().auth().oauth2(Payments.token(partner)).get("/v1/sponsorships/{id}", id).then().statusCode(200)
                .body("payerType", equalTo("GOVERNMENT")).body("members", equalTo(0)).body("status", equalTo("ACTIVE"));
        given().auth().oauth2(Payments.token(other)).get("/v1/sponsorships/{id}", id).then().statusCode(404);
        given().auth().oauth2(Payments.token(other)).get("/v1/sponsorships").then().statusCode(200)
                .body("items", hasSize(0));
        given().auth().oauth2(Fixtures.adminToken()).queryParam("partnerCode", partner).get("/v1/admin/sponsorships")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].sponsorshipId", equalTo(id));

        var results = Sponsorships.apply(partner, id, List.of(
                Sponsorships.member("m1", w.get(0)[0], "ADD", "2026-12"),
                Sponsorships.member("m2", w.get(1)[0], "ADD", "2026-12"),
                Sponsorships.member("m3", w.get(0)[0], "ADD", "2026-12"),
                Sponsorships.member("m4", w.get(2)[0], "ADD", "2028-01"),
                Sponsorships.member("m5", elsewhere[0], "ADD", "2026-12"),
                Sponsorships.member("m6", Workers.nik(java.time.LocalDate.of(1990, 1, 1), "M"), "ADD", "2026-12"),
                Sponsorships.member("m7", w.get(2)[0], "ADD", "2026-12"),
                Sponsorships.member("m8", w.get(3)[0], "ADD", "2026-12"),
                Map.of("externalRef", "m9", "nik", w.get(3)[0], "action", "KEEP", "fromMonth", "2026-12")), false);
        assertEquals(List.of("ACCEPTED", "ACCEPTED", "DUPLICATE", "REJECTED", "REJECTED", "REJECTED", "ACCEPTED",
                "REJECTED", "REJECTED"), statuses(results), results.toString());
        assertEquals("ALREADY_MEMBER", code(results.get(2)));
        assertEquals("MONTH_OUT_OF_RANGE", code(results.get(3)));
        assertEquals("PARTICIPANT_NOT_FOUND", code(results.get(4)), "another partner's participant");
        assertEquals("PARTICIPANT_NOT_FOUND", code(results.get(5)));
        assertEquals("SPONSORSHIP_FULL", code(results.get(7)));
        assertEquals("ACTION_INVALID", code(results.get(8)));
        assertEquals(w.get(0)[1], results.get(0).get("participantId"));

        given().auth().oauth2(Payments.token(partner)).get("/v1/sponsorships/{id}/members", id).then().statusCode(200)
                .body("items", hasSize(3));
        String csv = given().auth().oauth2(Payments.token(partner)).accept("text/csv")
                .get("/v1/sponsorships/{id}/members", id).then().statusCode(200)
                .header("Content-Type", containsString("text/csv")).extract().asString();
        assertEquals(4, csv.split("\r\n").length, csv);

        Map<String, Object> invoice = Sponsorships.invoice(partner, id, "2026-12");
        assertEquals("OPEN", invoice.get("status"));
        assertEquals(3, invoice.get("count"));
        assertEquals(3 * 36_800, invoice.get("totalAmount"), "GOVERNMENT gets no PP 50/2025 discount");
        assertTrue(((List<Map<String, Object>>) invoice.get("lines")).stream()
                .allMatch(l -> ((Number) l.get("amount")).intValue() == 36_800 && agent.equals(l.get("agentCode"))));
        String invoiceCsv = given().auth().oauth2(Fixtures.adminToken()).accept("text/csv")
                .get("/v1/admin/sponsorships/{id}/invoices/{m}", id, "2026-12").then().statusCode(200).extract().asString();
        assertTrue(invoiceCsv.contains("TOTAL,,,110400"), invoiceCsv);

        // a stale amount: 422 with the expected amount, nothing written
        String key = UUID.randomUUID().toString();
        Sponsorships.pay(partner, id, "2026-12", 99_999, "SP2D-A-1", key).response().then().statusCode(422)
                .body("type", containsString("amount-mismatch")).body("expectedAmount", equalTo(110_400))
                .body("errors[0].code", equalTo("AMOUNT_MISMATCH"));
        assertEquals(0, TestDb.count("select count(*) from contribution where participant_id = ?::uuid", w.get(0)[1]));
        assertEquals(0, TestDb.count("select count(*) from sponsorship_invoice where sponsorship_id = ?::uuid", id));

        // the key of a refused request is free again: the corrected retry uses it
        var paid = Sponsorships.pay(partner, id, "2026-12", 110_400, "SP2D-A-1", key);
        assertEquals(201, paid.statusCode(), paid.asString());
        assertEquals(3, (int) paid.path("count"));
        assertEquals(3, ((List<?>) paid.path("contributionIds")).size());
        assertTrue(paid.header("Location").endsWith("/v1/sponsorships/" + id + "/invoices/2026-12"));
        var replay = Sponsorships.pay(partner, id, "2026-12", 110_400, "SP2D-A-1", key);
        assertEquals(201, replay.statusCode());
        assertEquals("true", replay.header("Idempotent-Replayed"));
        assertEquals(paid.path("contributionIds").toString(), replay.path("contributionIds").toString());
        assertEquals(422, Sponsorships.pay(partner, id, "2026-12", 110_400, "SP2D-A-2", key).statusCode());
        Sponsorships.pay(partner, id, "2026-12", 110_400, "SP2D-A-3", UUID.randomUUID().toString()).response().then()
                .statusCode(409);

        assertEquals(3, TestDb.count("select count(*) from contribution c join sponsorship_member m on"
                + " m.participant_id = c.participant_id where m.sponsorship_id = ?::uuid and c.payer_type = 'GOVERNMENT'"
                + " and c.payer_name = 'Payer GOVERNMENT' and c.amount = 36800", id));
        given().auth().oauth2(Payments.token(partner)).get("/v1/participants/{p}", w.get(0)[1]).then().statusCode(200)
                .body("coveredUntil", equalTo("2026-12"));
        assertEquals(3, TestDb.count("select count(*) from incentive_line l join contribution c on c.id = l.source_id"
                + " where l.type = 'CONTRIBUTION' and c.payment_ref like 'SP2D-A-1#%'"));
        Map<String, Object> paidInvoice = Sponsorships.invoice(partner, id, "2026-12");
        assertEquals("PAID", paidInvoice.get("status"));
        assertEquals("SP2D-A-1", paidInvoice.get("paymentRef"));
        Map<String, Object> january = Sponsorships.invoice(partner, id, "2027-01");
        assertEquals(3 * 36_800, january.get("totalAmount"));

        // removal: sponsored through the month before
        var removed = Sponsorships.apply(partner, id, List.of(Sponsorships.member("r1", w.get(1)[0], "REMOVE", "2027-01"),
                Sponsorships.member("r2", w.get(3)[0], "REMOVE", "2027-01")), false);
        assertEquals(List.of("ACCEPTED", "REJECTED"), statuses(removed));
        assertEquals("NOT_A_MEMBER", code(removed.get(1)));
        assertEquals(2, Sponsorships.invoice(partner, id, "2027-01").get("count"));

        // ended by admin: no more members, no more payments
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json").body(Map.of("status", "ENDED"))
                .patch("/v1/admin/sponsorships/{id}", id).then().statusCode(200).body("status", equalTo("ENDED"));
        assertEquals("SPONSORSHIP_ENDED", code(Sponsorships.apply(partner, id,
                List.of(Sponsorships.member("e1", w.get(3)[0], "ADD", "2027-01")), false).get(0)));
        assertEquals(409, Sponsorships.pay(partner, id, "2027-01", 73_600, "SP2D-A-4", UUID.randomUUID().toString())
                .statusCode());
        given().auth().oauth2(Payments.token(other)).get("/v1/sponsorships/{id}/invoices/{m}", id, "2026-12").then()
                .statusCode(404);
        given().auth().oauth2(Payments.token(partner)).get("/v1/sponsorships/{id}/invoices/{m}", id, "2028-01").then()
                .statusCode(404);
    }

    @Test
    void donorInvoiceKeepsTheDiscountAndExcludesMembersWithTheirReasons() {
        String partner = Fixtures.partner("SPD");
        time.setWib(LocalDateTime.of(2026, 8, 20, 10, 0));
        String[] lapsing = Payments.registered(partner, true);
        time.setWib(LocalDateTime.of(2026, 11, 20, 10, 0));
        String[] notContiguous = Payments.registered(partner, true);
        String donor = Sponsorships.create(partner, "DONOR", "2026-11", "2027-01", 100);
        String government = Sponsorships.create(partner, "GOVERNMENT", "2026-11", "2027-06", 100);
        assertEquals(List.of("ACCEPTED", "ACCEPTED"), statuses(Sponsorships.apply(partner, donor, List.of(
                Sponsorships.member("a", lapsing[0], "ADD", "2026-11"),
                Sponsorships.member("b", notContiguous[0], "ADD", "2026-12")), false)));

        time.setWib(LocalDateTime.of(2026, 12, 10, 10, 0));
        String[] payable = Payments.registered(partner, true);
        String[] paidBySelf = Payments.registered(partner, true);
        String[] voided = Payments.registered(partner, true);
        var added = Sponsorships.apply(partner, donor, List.of(Sponsorships.member("c", payable[0], "ADD", "2026-12"),
                Sponsorships.member("d", paidBySelf[0], "ADD", "2026-12"),
                Sponsorships.member("e", voided[0], "ADD", "2026-12")), false);
        assertEquals(List.of("ACCEPTED", "ACCEPTED", "ACCEPTED"), statuses(added));
        var elsewhere = Sponsorships.apply(partner, government, List.of(
                Sponsorships.member("f", payable[0], "ADD", "2027-01"),
                Sponsorships.member("g", lapsing[0], "ADD", "2027-02")), false);
        assertEquals("SPONSORED_ELSEWHERE", code(elsewhere.get(0)));
        assertEquals("PARTICIPANT_LAPSED", code(elsewhere.get(1)), "2026-08 unpaid: lapsed since 2026-12-01");
        Payments.pay(partner, List.of(Payments.payment(paidBySelf[0], "2026-12", 1, 28_400, "SELF")));
        TestDb.update("update participant set status = 'VOID' where id = ?::uuid", voided[1]);

        Map<String, Object> invoice = Sponsorships.invoice(partner, donor, "2026-12");
        assertEquals(1, invoice.get("count"));
        assertEquals(28_400, invoice.get("totalAmount"), "a DONOR pays the discounted due");
        assertEquals(payable[1], ((List<Map<String, Object>>) invoice.get("lines")).get(0).get("participantId"));
        Map<String, String> reasons = new java.util.HashMap<>();
        ((List<Map<String, Object>>) invoice.get("excluded"))
                .forEach(e -> reasons.put((String) e.get("participantId"), (String) e.get("reason")));
        assertEquals(Map.of(lapsing[1], "LAPSED", notContiguous[1], "NOT_CONTIGUOUS", paidBySelf[1], "ALREADY_PAID",
                voided[1], "VOID"), reasons);
        assertEquals(201, Sponsorships.pay(partner, donor, "2026-12", 28_400, "CSR-1", UUID.randomUUID().toString())
                .statusCode());
        assertEquals("DONOR", TestDb.query("select payer_type from contribution where participant_id = ?::uuid",
                payable[1]).get(0).get("payer_type"));
    }

    @Test
    void anInvoicePaidTwiceConcurrentlyRecordsOneSetOfContributions() throws Exception {
        String partner = Fixtures.partner("SPC");
        List<String[]> w = Agents.registerWorkers(partner, null, 5);
        String id = Sponsorships.create(partner, "GOVERNMENT", "2026-12", "2027-11", 10);
        List<Map<String, Object>> records = new ArrayList<>();
        for (String[] worker : w) {
            records.add(Sponsorships.member("m", worker[0], "ADD", "2026-12"));
        }
        Sponsorships.apply(partner, id, records, false);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> payers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String ref = "SP2D-C-" + i;
                payers.add(() -> Sponsorships.pay(partner, id, "2026-12", 5 * 36_800, ref, UUID.randomUUID().toString())
                        .statusCode());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(payers)) {
                codes.add(f.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 201).count(), codes.toString());
            assertEquals(3, codes.stream().filter(c -> c == 409).count(), codes.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(5, TestDb.count("select count(*) from contribution c join sponsorship_member m on"
                + " m.participant_id = c.participant_id where m.sponsorship_id = ?::uuid", id));
        assertEquals(1, TestDb.count("select count(*) from sponsorship_invoice where sponsorship_id = ?::uuid", id));
    }

    @Test
    void currentNamesTheCurrentWibMonthAndAKeyUsedWithItKeepsTheMonthItPaid() {
        String partner = Fixtures.partner("SPM");
        List<String[]> w = Agents.registerWorkers(partner, null, 2);
        String id = Sponsorships.create(partner, "GOVERNMENT", "2026-12", "2027-11", 10);
        Sponsorships.apply(partner, id, List.of(Sponsorships.member("m1", w.get(0)[0], "ADD", "2026-12"),
                Sponsorships.member("m2", w.get(1)[0], "ADD", "2026-12")), false);
        time.setWib(LocalDateTime.of(2026, 12, 31, 23, 59));
        assertEquals("2026-12", Sponsorships.invoice(partner, id, "current").get("month"));
        String key = UUID.randomUUID().toString();
        var paid = Sponsorships.pay(partner, id, "current", 2 * 36_800, "SP2D-M-1", key);
        assertEquals(201, paid.statusCode(), paid.asString());
        assertEquals("2026-12", paid.path("month"));
        assertTrue(paid.header("Location").endsWith("/invoices/2026-12"), paid.header("Location"));

        // the month turns: the retry with the same key gets the first answer, not a payment of January
        time.setWib(LocalDateTime.of(2027, 1, 1, 0, 1));
        var retry = Sponsorships.pay(partner, id, "current", 2 * 36_800, "SP2D-M-1", key);
        assertEquals(201, retry.statusCode(), retry.asString());
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals("2026-12", retry.path("month"));
        Map<String, Object> january = Sponsorships.invoice(partner, id, "current");
        assertEquals("2027-01", january.get("month"));
        assertEquals("OPEN", january.get("status"));
        assertEquals(409, Sponsorships.pay(partner, id, "2026-12", 2 * 36_800, "SP2D-M-2", UUID.randomUUID().toString())
                .statusCode());
        assertEquals(2, TestDb.count("select count(*) from contribution c join sponsorship_member m on"
                + " m.participant_id = c.participant_id where m.sponsorship_id = ?::uuid", id));
        given().auth().oauth2(Payments.token(partner)).get("/v1/sponsorships/{id}/invoices/{m}", id, "Current").then()
                .statusCode(404);
    }

    @Test
    void memberBatchesInEveryFormatWithDryRunAndIdempotency() {
        String partner = Fixtures.partner("SPE");
        List<String[]> w = Agents.registerWorkers(partner, null, 3);
        String id = Sponsorships.create(partner, "PARTNER", "2026-12", "2027-11", 10);

        var dry = Sponsorships.apply(partner, id, List.of(Sponsorships.member("d1", w.get(0)[0], "ADD", "2026-12"),
                Sponsorships.member("d2", w.get(0)[0], "ADD", "2026-12")), true);
        assertEquals(List.of("ACCEPTED", "DUPLICATE"), statuses(dry), "a dry run decides in order");
        assertEquals(0, TestDb.count("select count(*) from sponsorship_member where sponsorship_id = ?::uuid", id));

        String ndjson = Batches.ndjson(List.of(Sponsorships.member("n1", w.get(0)[0], "ADD", "2026-12")));
        String key = UUID.randomUUID().toString();
        var first = Sponsorships.submit(partner, id, "application/x-ndjson", ndjson, key, false);
        assertEquals(202, first.statusCode(), first.asString());
        var again = Sponsorships.submit(partner, id, "application/x-ndjson", ndjson, key, false);
        assertEquals(202, again.statusCode());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals((String) first.path("batchId"), again.path("batchId"));
        assertEquals(422, Sponsorships.submit(partner, id, "application/x-ndjson",
                Batches.ndjson(List.of(Sponsorships.member("n2", w.get(1)[0], "ADD", "2026-12"))), key, false)
                .statusCode());
        assertEquals(List.of("ACCEPTED"), statuses(Sponsorships.results(partner, id, first.path("batchId"))));

        String csv = "externalRef;nik;action;fromMonth\r\nc1;" + w.get(1)[0] + ";ADD;2026-12\r\nc2;" + w.get(2)[0]
                + ";ADD;2027-01\r\nc3;" + w.get(2)[0] + ";ADD;2026-13\r\n";
        var csvBatch = Sponsorships.submit(partner, id, "text/csv", csv, UUID.randomUUID().toString(), false);
        assertEquals(202, csvBatch.statusCode(), csvBatch.asString());
        var results = Sponsorships.results(partner, id, csvBatch.path("batchId"));
        assertEquals(List.of("ACCEPTED", "ACCEPTED", "REJECTED"), statuses(results), results.toString());
        assertEquals("MONTH_INVALID", code(results.get(2)));
        String resultCsv = given().auth().oauth2(Payments.token(partner)).accept("text/csv")
                .get("/v1/sponsorships/{id}/member-batches/{b}/records", id, csvBatch.path("batchId")).then()
                .statusCode(200).extract().asString();
        assertTrue(resultCsv.startsWith("index,externalRef,status,participantId,errors"), resultCsv);
        given().auth().oauth2(Payments.token(partner)).get("/v1/sponsorships/{id}/members", id).then().statusCode(200)
                .body("items", hasSize(3));
        given().auth().oauth2(Payments.token(partner)).get("/v1/sponsorships/{id}/member-batches", id).then()
                .statusCode(200).body("items", hasSize(3));

        String otherPartner = Fixtures.partner("SPF");
        assertEquals(404, Sponsorships.submit(otherPartner, id, "application/json",
                Batches.json(List.of(Sponsorships.member("x", w.get(0)[0], "REMOVE", "2027-01"))),
                UUID.randomUUID().toString(), false).statusCode());
        given().auth().oauth2(TestTokens.partner(partner, "contributions:read").sign()).contentType("application/json")
                .header("Idempotency-Key", "k").body(Batches.json(List.of()))
                .post("/v1/sponsorships/{id}/member-batches", id).then().statusCode(403);
    }
}
