package id.perisai.api.incentive.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.Agents;
import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.MovableTime;
import id.perisai.api.support.Payments;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.TestTokens;
import id.perisai.api.support.Workers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Incentives through the HTTP API (rules.md §6): the worked example, statements and ledgers per partner, closing,
 * voiding before and after a close, payouts, scheme versions. Each test works in its own period (moving the clock),
 * so closing one never disturbs another.
 */
@QuarkusTest
class IncentiveResourceTest {

    /** 1,000,000 with JHT under the 2026 discount; and without any discount. */
    static final long DISCOUNTED = 28_400;
    static final long FULL = 36_800;

    static String token(String partner) {
        return TestTokens.partner(partner, "incentives:read").sign();
    }

    static ValidatableResponse statement(String partner, String period) {
        return given().auth().oauth2(token(partner)).get("/v1/incentives/statements/{period}", period).then();
    }

    static ValidatableResponse ledger(String partner, String period, String agent) {
        return given().auth().oauth2(token(partner)).queryParam("limit", 500)
                .get("/v1/incentives/statements/{period}/agents/{agent}", period, agent).then();
    }

    static ValidatableResponse close(String period) {
        return given().auth().oauth2(Fixtures.adminToken()).post("/v1/admin/incentive-statements/{period}/close", period)
                .then();
    }

    static ValidatableResponse voidParticipant(String participantId) {
        return given().auth().oauth2(Fixtures.adminToken()).contentType("application/json")
                .body(Map.of("reason", "Fictitious registration found in a branch audit"))
                .post("/v1/admin/participants/{id}/void", participantId).then();
    }

    @Test
    void rulesWorkedExampleThroughTheApi() {
        MovableTime.installAtWib(LocalDateTime.of(2026, 11, 21, 10, 0));
        String p1 = Fixtures.partner("INC");
        String p2 = Fixtures.partner("INCB");
        String a = Agents.create(p1);
        String b = Agents.create(p2);
        Agents.payOneMonth(p1, Agents.registerWorkers(p1, a, 30), "2026-11", DISCOUNTED);
        Agents.payOneMonth(p2, Agents.registerWorkers(p2, b, 24), "2026-11", DISCOUNTED);

        // 30 acquisitions: 30 × 15,000 + 30 × 15 % × 28,400 = 450,000 + 127,800; partner fee 57,780
        statement(p1, "2026-11").statusCode(200)
                .body("period", equalTo("2026-11")).body("scheme", equalTo("PERISAI-2022")).body("status", equalTo("OPEN"))
                .body("agents.size()", equalTo(1))
                .body("agents[0].agentCode", equalTo(a))
                .body("agents[0].acquisitions", equalTo(30))
                .body("agents[0].acquisitionIncentive", equalTo(450_000))
                .body("agents[0].contributionIncentive", equalTo(127_800))
                .body("agents[0].reversals", equalTo(0))
                .body("agents[0].total", equalTo(577_800))
                .body("agentTotal", equalTo(577_800)).body("partnerFee", equalTo(57_780))
                .body("grandTotal", equalTo(635_580));
        // 24 acquisitions: below the monthly minimum, so no acquisition incentive; 24 × 4,260 = 102,240
        statement(p2, "2026-11").statusCode(200)
                .body("agents[0].agentCode", equalTo(b))
                .body("agents[0].acquisitions", equalTo(24))
                .body("agents[0].acquisitionIncentive", equalTo(0))
                .body("agents[0].contributionIncentive", equalTo(102_240))
                .body("agents[0].total", equalTo(102_240))
                .body("agentTotal", equalTo(102_240)).body("partnerFee", equalTo(10_224))
                .body("grandTotal", equalTo(112_464));

        // every amount is a line naming its participant and source
        var lines = ledger(p1, "2026-11", a).statusCode(200)
                .body("statement.total", equalTo(577_800)).body("status", equalTo("OPEN"))
                .body("items.size()", equalTo(60)).extract().<List<Map<String, Object>>> path("items");
        List<Map<String, Object>> acquisitions = lines.stream().filter(l -> "ACQUISITION".equals(l.get("type"))).toList();
        List<Map<String, Object>> contributions = lines.stream().filter(l -> "CONTRIBUTION".equals(l.get("type"))).toList();
        assertEquals(30, acquisitions.size());
        assertEquals(30, contributions.size());
        for (Map<String, Object> l : acquisitions) {
            assertEquals(1, l.get("basis"));
            assertEquals(15_000, l.get("rate"));
            assertEquals(15_000, l.get("amount"));
            assertNotNull(l.get("participantId"));
            assertNotNull(l.get("sourceId"));
        }
        for (Map<String, Object> l : contributions) {
            assertEquals(28_400, l.get("basis"));
            assertEquals(0.15f, ((Number) l.get("rate")).floatValue());
            assertEquals(4_260, l.get("amount"));
        }
        // the contribution line names the contribution that earned it
        String participant = (String) contributions.get(0).get("participantId");
        String contributionId = given().auth().oauth2(Payments.token(p1))
                .get("/v1/participants/{id}/contributions", participant).then().statusCode(200).extract()
                .path("items[0].contributionId");
        assertEquals(contributionId, contributions.get(0).get("sourceId"));

        // pages by lineId
        var first = given().auth().oauth2(token(p1)).queryParam("limit", 40)
                .get("/v1/incentives/statements/{period}/agents/{agent}", "2026-11", a).then().statusCode(200)
                .body("items.size()", equalTo(40)).extract();
        given().auth().oauth2(token(p1)).queryParam("limit", 40).queryParam("cursor", (String) first.path("nextCursor"))
                .get("/v1/incentives/statements/{period}/agents/{agent}", "2026-11", a).then().statusCode(200)
                .body("items.size()", equalTo(20)).body("nextCursor", equalTo(null));
    }

    @Test
    void statementsAndLedgersAreThePartnersOwn() {
        MovableTime.installAtWib(LocalDateTime.of(2026, 11, 21, 10, 0));
        String mine = Fixtures.partner("INCM");
        String theirs = Fixtures.partner("INCT");
        String agent = Agents.create(mine);
        Agents.payOneMonth(mine, Agents.registerWorkers(mine, agent, 2), "2026-11", DISCOUNTED);

        statement(theirs, "2026-11").statusCode(200).body("agents.agentCode", not(hasItem(agent)))
                .body("agentTotal", equalTo(0));
        ledger(theirs, "2026-11", agent).statusCode(404).body("type", endsWith("/not-found"));
        ledger(mine, "2026-11", "AGNOSUCHAGENT").statusCode(404);
        ledger(mine, "2026-11", agent).statusCode(200).body("items.size()", equalTo(4));
        // no statement without the scope, nor with an admin token
        given().auth().oauth2(TestTokens.partner(mine, "contributions:read").sign())
                .get("/v1/incentives/statements/{period}", "2026-11").then().statusCode(403);
        given().auth().oauth2(Fixtures.adminToken()).get("/v1/incentives/statements/{period}", "2026-11").then()
                .statusCode(403);
        // periods: YYYY-MM, not in the future, with a scheme in force
        statement(mine, "2026-13").statusCode(400).body("errors[0].code", equalTo("INVALID_PERIOD"));
        statement(mine, "2026-1").statusCode(400).body("errors[0].code", equalTo("INVALID_PERIOD"));
        statement(mine, "2026-12").statusCode(400).body("errors[0].code", equalTo("PERIOD_IN_FUTURE"));
        statement(mine, "2017-12").statusCode(404);
        statement(mine, "2019-06").statusCode(200).body("scheme", equalTo("PERISAI-2018")).body("agents.size()", equalTo(0));
    }

    @Test
    void dryRunsWorkersWithoutAnAgentAndSuspendedAgentsEarnNothing() {
        MovableTime.installAtWib(LocalDateTime.of(2026, 11, 21, 10, 0));
        String partner = Fixtures.partner("INCN");
        String agent = Agents.create(partner);
        String suspended = Agents.create(partner);
        List<String[]> workers = Agents.registerWorkers(partner, agent, 1);
        List<String[]> suspendedWorkers = Agents.registerWorkers(partner, suspended, 1);
        List<String[]> unmanaged = Agents.registerWorkers(partner, null, 1);
        var dryRun = Payments.pay(partner, List.of(Payments.payment(workers.get(0)[0], "2026-11", 1, DISCOUNTED, "SELF")),
                true);
        assertEquals("ACCEPTED", dryRun.get(0).get("status"));
        TestDb.update("update agent set status = 'SUSPENDED' where agent_code = ?", suspended);
        Agents.payOneMonth(partner, suspendedWorkers, "2026-11", DISCOUNTED);
        Agents.payOneMonth(partner, unmanaged, "2026-11", DISCOUNTED);
        statement(partner, "2026-11").statusCode(200).body("agents.size()", equalTo(0)).body("grandTotal", equalTo(0));
        assertEquals(0, TestDb.count("select count(*) from incentive_line l join partner p on p.id = l.partner_id"
                + " where p.code = ?", partner));
        // the dry run did not use up the first contribution: the real one is the acquisition
        Agents.payOneMonth(partner, workers, "2026-11", DISCOUNTED);
        statement(partner, "2026-11").statusCode(200).body("agents[0].agentCode", equalTo(agent))
                .body("agents[0].acquisitions", equalTo(1)).body("agents[0].contributionIncentive", equalTo(4_260));
    }

    @Test
    void voidingInAnOpenPeriodReversesItsLinesThereAndTheMinimumIsCountedAgain() {
        MovableTime time = MovableTime.installAtWib(LocalDateTime.of(2032, 5, 10, 10, 0));
        String partner = Fixtures.partner("INCV");
        String agent = Agents.create(partner);
        List<String[]> workers = Agents.registerWorkers(partner, agent, 25);
        Agents.payOneMonth(partner, workers, "2032-05", FULL);
        // 25 acquisitions reach the minimum: 25 × 15,000 + 25 × 15 % × 36,800
        statement(partner, "2032-05").statusCode(200).body("agents[0].acquisitions", equalTo(25))
                .body("agents[0].acquisitionIncentive", equalTo(375_000))
                .body("agents[0].contributionIncentive", equalTo(138_000)).body("agents[0].total", equalTo(513_000));

        String[] fraud = workers.get(0);
        voidParticipant(fraud[1]).statusCode(200).body("status", equalTo("VOID")).body("reversedLines", equalTo(2))
                .body(not(org.hamcrest.Matchers.containsString(fraud[0])));
        // 24 left: below the minimum, so no acquisition incentive at all; the reversals net out within the period
        statement(partner, "2032-05").statusCode(200).body("agents[0].acquisitions", equalTo(24))
                .body("agents[0].acquisitionIncentive", equalTo(0))
                .body("agents[0].contributionIncentive", equalTo(132_480)).body("agents[0].reversals", equalTo(0))
                .body("agents[0].total", equalTo(132_480));
        var reversals = ledger(partner, "2032-05", agent).statusCode(200).extract()
                .<List<Map<String, Object>>> path("items").stream().filter(l -> "REVERSAL".equals(l.get("type"))).toList();
        assertEquals(List.of(-15_000, -5_520), reversals.stream().map(l -> l.get("amount")).toList());
        assertTrue(
                reversals.stream().allMatch(l -> fraud[1].equals(l.get("participantId")) && l.get("reversesLineId") != null));

        // the participant is VOID everywhere: no payment, no new registration of its NIK, no second void
        given().auth().oauth2(Payments.token(partner)).get("/v1/participants/{id}", fraud[1]).then().statusCode(200)
                .body("status", equalTo("VOID"));
        time.setWib(LocalDateTime.of(2032, 5, 11, 10, 0));
        var next = Payments.payment(fraud[0], "2032-06", 1, FULL, "SELF");
        assertEquals(List.of("PARTICIPANT_NOT_FOUND"), Payments.codes(Payments.pay(partner, List.of(next)).get(0)));
        Map<String, Object> again = Workers.recordFor("again", fraud[0]);
        String batchId = Batches.submitJson(partner, List.of(again));
        Batches.awaitCompleted(partner, batchId);
        assertTrue(Batches.results(partner, batchId).get(0).get("errors").toString().contains("ALREADY_REGISTERED"));
        voidParticipant(fraud[1]).statusCode(409);
        voidParticipant("00000000-0000-4000-8000-000000000000").statusCode(404);
        voidParticipant("not-an-id").statusCode(404);
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json").body(Map.of("reason", " "))
                .post("/v1/admin/participants/{id}/void", workers.get(1)[1]).then().statusCode(400);
        assertEquals(1, TestDb.count("select count(*) from audit_log where action = 'PARTICIPANT_VOIDED' and resource_id = ?",
                fraud[1]));
    }

    @Test
    void closingFreezesStatementsBooksPartnerFeesAndLaterVoidsReverseInTheCurrentPeriod() {
        MovableTime time = MovableTime.installAtWib(LocalDateTime.of(2031, 3, 10, 10, 0));
        String partner = Fixtures.partner("INCC");
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json")
                .body(Map.of("bankCode", "CIMB_NIAGA", "bankAccountNumber", "7788-9900-11", "bankAccountName", "Wadah Closing"))
                .put("/v1/admin/partners/{code}/payout-account", partner).then().statusCode(200)
                .body("payoutAccount.bankCode", equalTo("CIMB_NIAGA"))
                .body("payoutAccount.bankAccountNumberMasked", equalTo("******0011"));
        String busy = Agents.create(partner);
        String quiet = Agents.create(partner);
        List<String[]> many = Agents.registerWorkers(partner, busy, 25);
        List<String[]> few = Agents.registerWorkers(partner, quiet, 2);
        List<String[]> all = new ArrayList<>(many);
        all.addAll(few);
        Agents.payOneMonth(partner, all, "2031-03", FULL);

        close("2031-03").statusCode(409).body("detail", startsWith("The period has not ended"));
        given().auth().oauth2(Fixtures.adminToken()).get("/v1/admin/incentive-statements/{period}/payouts", "2031-03").then()
                .statusCode(409);

        time.setWib(LocalDateTime.of(2031, 4, 2, 9, 0));
        // busy: 375,000 + 138,000; quiet: below the minimum, 2 × 5,520; fee 10 % of 524,040
        close("2031-03").statusCode(200).body("status", equalTo("CLOSED")).body("scheme", equalTo("PERISAI-2022"))
                .body("partners", equalTo(1)).body("agentTotal", equalTo(524_040)).body("partnerFee", equalTo(52_404))
                .body("grandTotal", equalTo(576_444));
        close("2031-03").statusCode(409).body("detail", equalTo("The period is already closed"));
        statement(partner, "2031-03").statusCode(200).body("status", equalTo("CLOSED"))
                .body("agents.size()", equalTo(2)).body("agentTotal", equalTo(524_040)).body("partnerFee", equalTo(52_404))
                .body("grandTotal", equalTo(576_444));
        assertEquals(1, TestDb.count("select count(*) from incentive_line l join partner p on p.id = l.partner_id"
                + " where p.code = ? and l.type = 'PARTNER_FEE' and l.amount = 52404 and l.period = date '2031-03-01'",
                partner));

        var payouts = given().auth().oauth2(Fixtures.adminToken())
                .get("/v1/admin/incentive-statements/{period}/payouts", "2031-03").then().statusCode(200)
                .body("count", equalTo(3)).body("totalAmount", equalTo(576_444)).extract()
                .<List<Map<String, Object>>> path("payouts");
        assertEquals(List.of("AGENT", "AGENT", "PARTNER"), payouts.stream().map(p -> p.get("payee")).toList());
        Map<String, Object> busyRow = payouts.stream().filter(p -> busy.equals(p.get("agentCode"))).findFirst().orElseThrow();
        assertEquals(513_000, busyRow.get("amount"));
        assertEquals(Agents.ACCOUNT_NUMBER, busyRow.get("accountNumber"));
        assertEquals("BNI", busyRow.get("bankCode"));
        Map<String, Object> fee = payouts.get(2);
        assertEquals(List.of(partner, "7788990011", "CIMB_NIAGA", 52_404),
                List.of(fee.get("partnerCode"), fee.get("accountNumber"), fee.get("bankCode"), fee.get("amount")));
        String csv = given().auth().oauth2(Fixtures.adminToken()).accept("text/csv")
                .get("/v1/admin/incentive-statements/{period}/payouts", "2031-03").then().statusCode(200)
                .contentType(startsWith("text/csv"))
                // full account numbers: never cached, never sniffed (quality.md S8)
                .header("Cache-Control", equalTo("no-store")).header("X-Content-Type-Options", equalTo("nosniff"))
                .extract().asString();
        String[] rows = csv.split("\r\n");
        assertEquals("partnerCode,partnerName,payee,agentCode,accountName,bankCode,accountNumber,amount,status", rows[0]);
        assertEquals(4, rows.length);
        assertTrue(csv.contains(",PARTNER,,Wadah Closing,CIMB_NIAGA,7788990011,52404"), csv);
        assertEquals(2, TestDb.count("select count(*) from audit_log where action = 'INCENTIVE_PAYOUTS_EXPORTED'"
                + " and resource_id = '2031-03'"));

        // voids after the close: reversed in the current period (2031-04) for what was paid in 2031-03
        voidParticipant(many.get(0)[1]).statusCode(200).body("reversedLines", equalTo(2));
        voidParticipant(few.get(0)[1]).statusCode(200).body("reversedLines", equalTo(2));
        statement(partner, "2031-03").statusCode(200).body("status", equalTo("CLOSED")).body("agentTotal", equalTo(524_040));
        statement(partner, "2031-04").statusCode(200).body("status", equalTo("OPEN"))
                .body("agents.find { it.agentCode == '" + busy + "' }.reversals", equalTo(-20_520))
                .body("agents.find { it.agentCode == '" + busy + "' }.acquisitions", equalTo(0))
                .body("agents.find { it.agentCode == '" + quiet + "' }.reversals", equalTo(-5_520))
                .body("agentTotal", equalTo(-26_040)).body("partnerFee", equalTo(-2_604));
        // the acquisition of the agent below the minimum had earned nothing, so its reversal takes nothing back
        var quietReversals = ledger(partner, "2031-04", quiet).statusCode(200).extract()
                .<List<Map<String, Object>>> path("items");
        assertEquals(List.of(0, -5_520), quietReversals.stream().map(l -> l.get("amount")).toList());
    }

    @Test
    void closingWaitsForTransactionsWritingLinesIntoThePeriod() throws Exception {
        MovableTime.installAtWib(LocalDateTime.of(2033, 2, 3, 10, 0));
        try (java.sql.Connection writer = java.sql.DriverManager.getConnection(TestDb.URL, "postgres", "")) {
            // a contribution batch holding the period as IncentiveLedger does, its transaction still open
            writer.setAutoCommit(false);
            try (var st = writer.createStatement()) {
                st.execute("insert into incentive_period (period, status) values (date '2033-01-01', 'OPEN')"
                        + " on conflict do nothing");
                st.execute("select status from incentive_period where period = date '2033-01-01' for share");
            }
            var closing = java.util.concurrent.CompletableFuture.supplyAsync(() -> close("2033-01").extract().statusCode());
            Thread.sleep(1_000);
            assertTrue(!closing.isDone(), "closing must wait for the writer");
            writer.commit();
            assertEquals(200, closing.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertEquals("CLOSED", TestDb.query("select status from incentive_period where period = date '2033-01-01'").get(0)
                .get("status"));
    }

    @Test
    void aNewSchemeVersionAppliesFromItsFirstPeriod() {
        MovableTime time = MovableTime.installAtWib(LocalDateTime.of(2026, 11, 21, 10, 0));
        Map<String, Object> version = new java.util.HashMap<>(Map.of("code", "PERISAI-2035", "name", "Insentif Perisai 2035",
                "validFrom", "2035-01-01",
                "acquisition", Map.of("amount", 20_000, "amountWithJht", 20_000, "minimumPerPeriod", 0),
                "contributionRates", List.of(Map.of("fromMonth", 1, "percent", 10)),
                "partnerShare", Map.of("mode", "SPLIT", "percent", 10)));
        version.put("validFrom", "2026-11-01");
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json").body(version)
                .post("/v1/admin/incentive-schemes").then().statusCode(400)
                .body("errors[0].code", equalTo("NOT_IN_FUTURE"));
        version.put("validFrom", "2035-01-01");
        String location = given().auth().oauth2(Fixtures.adminToken()).contentType("application/json").body(version)
                .post("/v1/admin/incentive-schemes").then().statusCode(201)
                .body("code", equalTo("PERISAI-2035")).body("partnerShare.mode", equalTo("SPLIT")).extract()
                .header("Location");
        given().auth().oauth2(Fixtures.adminToken()).get(location).then().statusCode(200).body("code", equalTo("PERISAI-2035"));
        given().auth().oauth2(Fixtures.adminToken()).get("/v1/admin/incentive-schemes").then().statusCode(200)
                .body("find { it.code == 'PERISAI-2022' }.validTo", equalTo("2034-12-31"))
                .body("find { it.code == 'PERISAI-2022' }.contributionRates.percent", equalTo(List.of(15, 5)));
        version.put("code", "PERISAI-2034");
        version.put("validFrom", "2034-06-01");
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json").body(version)
                .post("/v1/admin/incentive-schemes").then().statusCode(409)
                .body("detail", startsWith("The scheme would overlap PERISAI-2022"));
        given().auth().oauth2(TestTokens.partner(Fixtures.partner("INCX"), "incentives:read").sign())
                .get("/v1/admin/incentive-schemes").then().statusCode(403);

        // in 2035 one acquisition earns 20,000 and 10 % of 36,800; SPLIT: 10 % of the whole goes to the partner
        time.setWib(LocalDateTime.of(2035, 2, 10, 10, 0));
        String partner = Fixtures.partner("INCS");
        String agent = Agents.create(partner);
        Agents.payOneMonth(partner, Agents.registerWorkers(partner, agent, 1), "2035-02", FULL);
        statement(partner, "2035-02").statusCode(200).body("scheme", equalTo("PERISAI-2035"))
                .body("agents[0].acquisitionIncentive", equalTo(20_000))
                .body("agents[0].contributionIncentive", equalTo(3_680))
                .body("agents[0].total", equalTo(21_312))
                .body("agentTotal", equalTo(21_312)).body("partnerFee", equalTo(2_368)).body("grandTotal", equalTo(23_680));
        statement(partner, "2034-12").statusCode(200).body("scheme", equalTo("PERISAI-2022"));
    }
}
