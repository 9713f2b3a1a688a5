package id.perisai.api.collection.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.Agents;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.MovableTime;
import id.perisai.api.support.Payments;
import id.perisai.api.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Collection lists over HTTP. Workers earn 1,000,000 a month as PEDAGANG with JHT: 28,400 a month in the general-class
 * discount window (2026-04 … 2026-12), 36,800 after it.
 */
@QuarkusTest
class CollectionResourceTest {

    static String read(String partner) {
        return TestTokens.partner(partner, "contributions:read").sign();
    }

    static List<Map<String, Object>> due(String partner, String month) {
        return given().auth().oauth2(read(partner)).queryParam("month", month).queryParam("limit", 500)
                .get("/v1/collections/due").then().statusCode(200).extract().path("items");
    }

    static Map<String, Object> item(List<Map<String, Object>> items, String participantId) {
        return items.stream().filter(i -> participantId.equals(i.get("participantId"))).findFirst().orElse(null);
    }

    @Test
    void lapsesOnIsTheRulesEdgeAt2359And0000WibAtMonthEnds() {
        MovableTime time = MovableTime.installAtWib(LocalDateTime.of(2026, 7, 10, 10, 0));
        String partner = Fixtures.partner("COL");
        String[] w = Payments.registered(partner, true);

        time.setWib(LocalDateTime.of(2026, 9, 30, 23, 59));
        Map<String, Object> september = item(due(partner, null), w[1]);
        assertEquals("DUE", september.get("status"), "2026-09 unpaid, but the worker lapses only on 2026-11-01");
        assertEquals("2026-11-01", september.get("lapsesOn"));
        assertEquals(3, september.get("payableMonths"));

        time.setWib(LocalDateTime.of(2026, 10, 1, 0, 0));
        Map<String, Object> october = item(due(partner, null), w[1]);
        assertEquals("AT_RISK", october.get("status"), "lapses at the end of 2026-10 unless paid");
        assertEquals("2026-07", october.get("firstUnpaidMonth"));
        assertEquals("2026-11-01", october.get("lapsesOn"));
        assertEquals(4, october.get("payableMonths"));
        assertEquals(4 * 28_400, ((Number) october.get("amountDue")).longValue());

        time.setWib(LocalDateTime.of(2026, 10, 31, 23, 59));
        Map<String, Object> lastMinute = item(due(partner, null), w[1]);
        assertEquals("AT_RISK", lastMinute.get("status"));
        long quoted = given().auth().oauth2(Payments.token(partner)).contentType("application/json")
                .body(Map.of("nik", w[0], "periodStart", "2026-07", "months", 4, "payerType", "SELF"))
                .post("/v1/contributions/quote").then().statusCode(200).extract().jsonPath().getLong("amount");
        assertEquals(quoted, ((Number) lastMinute.get("amountDue")).longValue(), "amountDue equals the quote's");

        time.setWib(LocalDateTime.of(2026, 11, 1, 0, 0));
        Map<String, Object> lapsed = item(due(partner, null), w[1]);
        assertEquals("LAPSED", lapsed.get("status"));
        assertEquals("2026-11-01", lapsed.get("lapsesOn"));
        assertNull(lapsed.get("amountDue"), "a LAPSED participant cannot be paid");
        given().auth().oauth2(Payments.token(partner)).get("/v1/participants/{id}", w[1]).then().statusCode(200)
                .body("status", equalTo("LAPSED"));
    }

    @Test
    void paidParticipantsAreNotListedAndFiltersSummaryCsvAndPagingAgree() {
        MovableTime.installAtWib(LocalDateTime.of(2026, 11, 21, 10, 0));
        String partner = Fixtures.partner("COLB");
        String other = Fixtures.partner("COLC");
        String agent = Agents.create(partner);
        List<String[]> workers = Agents.registerWorkers(partner, agent, 3);
        String[] withoutAgent = Payments.registered(partner, true);
        Agents.payOneMonth(partner, List.<String[]> of(workers.get(0)), "2026-11", 28_400);

        List<Map<String, Object>> november = due(partner, "2026-11");
        assertNull(item(november, workers.get(0)[1]), "paid through 2026-11");
        assertEquals(3, november.size());
        Map<String, Object> unpaid = item(november, workers.get(1)[1]);
        assertEquals(agent, unpaid.get("agentCode"));
        assertTrue(((String) unpaid.get("nikMasked")).contains("**********"), "the NIK only masked");
        assertEquals(28_400, ((Number) unpaid.get("amountDue")).longValue());
        assertEquals("2027-03-01", unpaid.get("lapsesOn"));

        List<Map<String, Object>> january = due(partner, "2027-01");
        assertEquals(4, january.size(), "paid through 2026-11 only: 2026-12 and 2027-01 due");
        Map<String, Object> paid = item(january, workers.get(0)[1]);
        assertEquals("2026-12", paid.get("firstUnpaidMonth"));
        assertEquals(28_400 + 36_800, ((Number) paid.get("amountDue")).longValue(), "the discount ends with 2026-12");
        assertEquals(2, paid.get("payableMonths"));

        given().auth().oauth2(read(partner)).queryParam("agentCode", agent).get("/v1/collections/due").then()
                .statusCode(200).body("items.size()", equalTo(2));
        given().auth().oauth2(read(partner)).queryParam("status", "AT_RISK").get("/v1/collections/due").then()
                .statusCode(200).body("items.size()", equalTo(0));
        var first = given().auth().oauth2(read(partner)).queryParam("limit", 2).get("/v1/collections/due").then()
                .statusCode(200).body("items.size()", equalTo(2)).extract();
        given().auth().oauth2(read(partner)).queryParam("limit", 2).queryParam("cursor", first.path("nextCursor").toString())
                .get("/v1/collections/due").then().statusCode(200).body("items.size()", equalTo(1))
                .body("nextCursor", org.hamcrest.Matchers.nullValue());

        String csv = given().auth().oauth2(read(partner)).accept("text/csv").get("/v1/collections/due").then()
                .statusCode(200).header("Content-Type", containsString("text/csv")).extract().asString();
        assertTrue(csv.startsWith("participantId,nikMasked,fullName,phone,agentCode,coveredUntil,firstUnpaidMonth,"
                + "lapsesOn,status,payableMonths,amountDue\r\n"), csv);
        assertEquals(4, csv.split("\r\n").length, csv);
        assertTrue(csv.contains(withoutAgent[1]), csv);

        given().auth().oauth2(read(partner)).get("/v1/collections/summary").then().statusCode(200)
                .body("month", equalTo("2026-11")).body("total.due", equalTo(3)).body("total.amountDue", equalTo(3 * 28_400))
                .body("agents.find { it.agentCode == '" + agent + "' }.due", equalTo(2))
                .body("agents.find { it.agentCode == null }.due", equalTo(1));

        assertEquals(0, due(other, "2026-11").size(), "another partner sees none of them");
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() {
        String partner = Fixtures.partner("COLD");
        for (String[] bad : List.of(new String[] { "month", "2026-13" }, new String[] { "month", "2026-1" },
                new String[] { "month", "2099-01" }, new String[] { "status", "PAID" },
                new String[] { "agentCode", "ag'1" }, new String[] { "cursor", "bm9wZQ" })) {
            given().auth().oauth2(read(partner)).queryParam(bad[0], bad[1]).get("/v1/collections/due").then()
                    .statusCode(400).body("errors[0].field", equalTo(bad[0]));
        }
        given().auth().oauth2(TestTokens.partner(partner, "registrations:read").sign()).get("/v1/collections/summary")
                .then().statusCode(403);
    }
}
