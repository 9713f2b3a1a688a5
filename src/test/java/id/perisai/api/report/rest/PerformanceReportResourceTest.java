package id.perisai.api.report.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.Agents;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.MovableTime;
import id.perisai.api.support.Payments;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Performance reports and targets through the API (growth.md §3): the partner's own agents only, live figures right
 * after a batch completes, persistency across month edges with the movable clock, CSV, the admin groupings, targets.
 * Each test works in months of its own (and partners of its own), so the figures are exact.
 */
@QuarkusTest
class PerformanceReportResourceTest {

    /** 1,000,000 with JHT, without any discount (after the PP 50/2025 windows). */
    static final long FULL = 36_800;

    static ValidatableResponse report(String partner, String from, String to, String groupBy) {
        return given().auth().oauth2(TestTokens.partner(partner, "reports:read").sign()).queryParam("from", from)
                .queryParam("to", to).queryParam("groupBy", groupBy).get("/v1/reports/performance").then();
    }

    static ValidatableResponse admin(Map<String, Object> query) {
        return given().auth().oauth2(Fixtures.adminToken()).queryParams(query).get("/v1/admin/reports/performance").then();
    }

    @Test
    void aPartnerSeesItsOwnAgentsFiguresAsSoonAsTheBatchesComplete() {
        MovableTime.installAtWib(LocalDateTime.of(2029, 6, 10, 10, 0));
        String a = Fixtures.partner("REPA");
        String b = Fixtures.partner("REPB");
        String agentA = Agents.create(a);
        String agentB = Agents.create(b);
        List<String[]> workersA = Agents.registerWorkers(a, agentA, 3);
        Agents.payOneMonth(a, workersA, "2029-06", FULL);
        Agents.registerWorkers(b, agentB, 2);

        // asked right after the contribution batch completed: already in the report
        report(a, "2029-06", "2029-06", "agent").statusCode(200).body("from", equalTo("2029-06"))
                .body("groupBy", equalTo("agent")).body("rows.size()", equalTo(1))
                .body("rows[0].key", equalTo(agentA)).body("rows[0].registrations", equalTo(3))
                .body("rows[0].reactivations", equalTo(0)).body("rows[0].acquisitions", equalTo(3))
                .body("rows[0].contributions", equalTo(3)).body("rows[0].contributionAmount", equalTo(3 * 36_800))
                .body("rows[0].activeAtEnd", equalTo(3)).body("rows[0].lapsed", equalTo(0))
                // ledger lines: 3 acquisitions at 15,000 (before the monthly minimum) + 3 × 15 % × 36,800
                .body("rows[0].incentives", equalTo(3 * 15_000 + 3 * 5_520))
                .body("rows[0].persistency.p3", nullValue())
                .body("total.registrations", equalTo(3)).body("total.contributionAmount", equalTo(110_400));
        // partner B sees only its own agent, never A's
        report(b, "2029-06", "2029-06", null).statusCode(200).body("rows.size()", equalTo(1))
                .body("rows[0].key", equalTo(agentB)).body("rows[0].registrations", equalTo(2))
                .body("rows[0].acquisitions", equalTo(0)).body("total.contributions", equalTo(0));
        report(a, "2029-05", "2029-07", "month").statusCode(200).body("rows.size()", equalTo(2))
                .body("rows[0].key", equalTo("2029-06")).body("rows[0].registrations", equalTo(3))
                // July is after the current month: active as of now
                .body("rows[1].key", equalTo("2029-07")).body("rows[1].activeAtEnd", equalTo(3))
                .body("total.activeAtEnd", equalTo(3)).body("total.registrations", equalTo(3));
        report(a, "2029-01", "2029-05", "agent").statusCode(200).body("rows.size()", equalTo(0))
                .body("total.registrations", equalTo(0));

        String csv = given().auth().oauth2(TestTokens.partner(a, "reports:read").sign()).accept("text/csv")
                .queryParam("from", "2029-06").queryParam("to", "2029-06").get("/v1/reports/performance").then()
                .statusCode(200).contentType(startsWith("text/csv")).header("Cache-Control", equalTo("no-store"))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(3, lines.length, csv);
        assertEquals("key,registrations,reactivations,acquisitions,contributions,contributionAmount,activeAtEnd,lapsed,"
                + "incentives,p3,p6,p12,target,achieved,achievedPct", lines[0]);
        assertEquals(agentA + ",3,0,3,3,110400,3,0,61560,,,,,,", lines[1]);
        assertTrue(lines[2].startsWith("TOTAL,3,0,3,3,110400,3,0,61560,"), lines[2]);

        // agency staff: by partner, one partner, by agent
        admin(Map.of("from", "2029-06", "to", "2029-06", "groupBy", "partner", "partnerCode", a)).statusCode(200)
                .body("rows.size()", equalTo(1)).body("rows[0].key", equalTo(a)).body("rows[0].registrations", equalTo(3));
        admin(Map.of("from", "2029-06", "to", "2029-06", "groupBy", "agent", "partnerCode", b)).statusCode(200)
                .body("rows.size()", equalTo(1)).body("rows[0].key", equalTo(agentB));
        admin(Map.of("from", "2029-06", "to", "2029-06", "groupBy", "branchOffice")).statusCode(200)
                .body("rows.key", hasItem("Jakarta Salemba"))
                .body("rows.find { it.key == 'Jakarta Salemba' }.registrations", greaterThanOrEqualTo(5));
        admin(Map.of("from", "2029-06", "to", "2029-06", "partnerCode", "NO-SUCH-PARTNER")).statusCode(404);
    }

    @Test
    void invalidParametersAreRefusedNamingTheParameter() {
        String p = Fixtures.partner("REPX");
        report(p, "2029-13", null, null).statusCode(400).body("errors[0].field", equalTo("from"));
        report(p, "2029-06", "2029-05", null).statusCode(400).body("errors[0].code", equalTo("RANGE_INVALID"));
        report(p, "2026-01", "2029-06", null).statusCode(400).body("errors[0].code", equalTo("RANGE_TOO_LONG"));
        report(p, null, null, "partner").statusCode(400).body("errors[0].field", equalTo("groupBy"));
        report(p, null, null, null).statusCode(200).body("groupBy", equalTo("agent"));
        admin(Map.of("groupBy", "nonsense")).statusCode(400).body("errors[0].field", equalTo("groupBy"));
        // partners never get the admin report; admin never the partner one
        given().auth().oauth2(TestTokens.partner(p, "reports:read").sign()).get("/v1/admin/reports/performance").then()
                .statusCode(403);
        given().auth().oauth2(Fixtures.adminToken()).get("/v1/reports/performance").then().statusCode(403);
        given().auth().oauth2(TestTokens.partner(p, "incentives:read").sign()).get("/v1/reports/performance").then()
                .statusCode(403);
    }

    @Test
    void persistencyCountsAcquisitionsOnceTheyAreOldEnoughAcrossMonthEdges() {
        MovableTime time = MovableTime.installAtWib(LocalDateTime.of(2030, 1, 15, 10, 0));
        String p = Fixtures.partner("REPP");
        String agent = Agents.create(p);
        List<String[]> workers = Agents.registerWorkers(p, agent, 4);
        Agents.payOneMonth(p, workers, "2030-01", FULL);
        // three of the four pay February and March too (one payment of two months): 3 months paid; one paid 1 month
        List<Map<String, Object>> more = workers.subList(0, 3).stream()
                .map(w -> Payments.payment(w[0], "2030-02", 2, 2 * FULL, "SELF")).toList();
        Payments.pay(p, more).forEach(r -> assertEquals("ACCEPTED", r.get("status"), r.toString()));

        time.setWib(LocalDateTime.of(2030, 3, 31, 23, 59, 59));
        report(p, "2030-01", "2030-01", null).statusCode(200).body("rows[0].acquisitions", equalTo(4))
                .body("rows[0].persistency.p3", nullValue());
        time.setWib(LocalDateTime.of(2030, 4, 1, 0, 0));
        // 2030-01 + 3 months has begun: 3 of 4 paid at least 3 months
        report(p, "2030-01", "2030-01", null).statusCode(200).body("rows[0].persistency.p3", equalTo(0.75f))
                .body("rows[0].persistency.p6", nullValue()).body("total.persistency.p3", equalTo(0.75f));
        report(p, "2030-01", "2030-04", null).statusCode(200).body("total.persistency.p3", equalTo(0.75f));
        time.setWib(LocalDateTime.of(2030, 7, 1, 0, 0));
        report(p, "2030-01", "2030-01", null).statusCode(200).body("rows[0].persistency.p6", equalTo(0))
                .body("rows[0].persistency.p12", nullValue());

        // the one who paid only January (first unpaid February) lapses on 1 June; the three (first unpaid April) on
        // 1 August
        report(p, "2030-05", "2030-05", null).statusCode(200).body("total.lapsed", equalTo(0))
                .body("total.activeAtEnd", equalTo(4));
        report(p, "2030-06", "2030-06", null).statusCode(200).body("total.lapsed", equalTo(1))
                .body("total.activeAtEnd", equalTo(3));
        report(p, "2030-01", "2030-07", "month").statusCode(200)
                .body("rows.find { it.key == '2030-06' }.lapsed", equalTo(1))
                .body("rows.find { it.key == '2030-05' }.activeAtEnd", equalTo(4))
                .body("rows.find { it.key == '2030-07' }.activeAtEnd", equalTo(3)).body("total.activeAtEnd", equalTo(3));
    }

    @Test
    void targetsAreReplacedPerYearAuditedAndShownWithProgress() {
        MovableTime.installAtWib(LocalDateTime.of(2028, 2, 10, 10, 0));
        String p = Fixtures.partner("REPT");
        String agent = Agents.create(p);
        Agents.registerWorkers(p, agent, 3);
        String body = """
                {"branchOffices":[{"branchOffice":"Serang","newParticipants":101000}],
                 "partners":[{"partnerCode":"%s","newParticipants":12}]}""".formatted(p);
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json").body(body)
                .put("/v1/admin/targets/{year}", "2028").then().statusCode(200).body("year", equalTo(2028))
                .body("branchOffices[0].branchOffice", equalTo("Serang"))
                .body("branchOffices[0].newParticipants", equalTo(101000))
                .body("branchOffices[0].achieved", equalTo(0))
                .body("partners[0].partnerCode", equalTo(p)).body("partners[0].achieved", equalTo(3))
                .body("partners[0].achievedPct", equalTo(25.0f));
        assertEquals(1, TestDb.count("select count(*) from audit_log where action = 'TARGETS_REPLACED'"
                + " and resource_id = '2028'"));
        given().auth().oauth2(Fixtures.adminToken()).get("/v1/admin/targets/{year}", "2028").then().statusCode(200)
                .body("partners[0].achieved", equalTo(3));
        // the report of the partner carries its target, in the rows by partner and in the total of its own report
        admin(Map.of("from", "2028-01", "to", "2028-02", "groupBy", "partner", "partnerCode", p)).statusCode(200)
                .body("rows[0].target", equalTo(12)).body("rows[0].achieved", equalTo(3))
                .body("rows[0].achievedPct", equalTo(25.0f)).body("total.target", equalTo(12));
        report(p, "2028-02", "2028-02", null).statusCode(200).body("total.target", equalTo(12))
                .body("total.achieved", equalTo(3)).body("rows[0].target", nullValue());

        // replaced whole: an empty list removes the branch offices' targets
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json")
                .body("{\"branchOffices\":[],\"partners\":[{\"partnerCode\":\"" + p + "\",\"newParticipants\":6}]}")
                .put("/v1/admin/targets/{year}", "2028").then().statusCode(200).body("branchOffices.size()", equalTo(0))
                .body("partners[0].achievedPct", equalTo(50.0f));
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json")
                .body("{\"branchOffices\":[],\"partners\":[{\"partnerCode\":\"NO-SUCH\",\"newParticipants\":6}]}")
                .put("/v1/admin/targets/{year}", "2028").then().statusCode(400)
                .body("errors[0].code", equalTo("PARTNER_NOT_FOUND"));
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json")
                .body("{\"branchOffices\":[{\"branchOffice\":\"Serang\",\"newParticipants\":0},"
                        + "{\"branchOffice\":\"Serang\",\"newParticipants\":5}],\"partners\":[]}")
                .put("/v1/admin/targets/{year}", "2028").then().statusCode(400)
                .body("errors.code", hasItem("OUT_OF_RANGE")).body("errors.code", hasItem("DUPLICATE"));
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json").body("{}")
                .put("/v1/admin/targets/{year}", "1999").then().statusCode(400);
        given().auth().oauth2(Fixtures.adminToken()).get("/v1/admin/targets/{year}", "2099").then().statusCode(200)
                .body("partners.size()", equalTo(0)).body("year", notNullValue());
    }
}
