package id.perisai.api.dev;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import id.perisai.api.security.crypto.PiiCrypto;
import id.perisai.api.support.Agents;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.MovableTime;
import id.perisai.api.support.Payments;
import id.perisai.api.support.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The dev seed's demo sponsorship and the OpenAPI document's invoice examples stay payable whatever the date (quality.md
 * C3, C5): with the clock in 2026-12, 2027-06 and at the last minute of 2028-01, the sponsorship seeded that month is
 * paid with the document's own path examples and request body, as RequestExamplesIT and the console send them, for the
 * seeded month. The packaged app cannot move its clock; this runs the same seed and examples in the test app.
 */
@QuarkusTest
class DemoSponsorshipTest {

    @Inject
    Pool pool;
    @Inject
    PiiCrypto crypto;

    @SuppressWarnings("unchecked")
    static Map<String, Object> payment() {
        Map<String, Object> doc = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().as(Map.class);
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        return (Map<String, Object>) ((Map<String, Object>) paths
                .get("/v1/sponsorships/{sponsorshipId}/invoices/{month}/payments")).get("post");
    }

    @SuppressWarnings("unchecked")
    static String example(Map<String, Object> operation, String parameter) {
        return ((List<Map<String, Object>>) operation.get("parameters")).stream()
                .filter(p -> parameter.equals(p.get("name"))).map(p -> String.valueOf(p.get("example"))).findFirst()
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> body(Map<String, Object> operation) {
        Map<String, Object> json = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) operation
                .get("requestBody")).get("content")).get("application/json");
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) json.get("examples")).get("payment"))
                .get("value");
    }

    /** The demo rows of an earlier invocation: the seed's ids are fixed, and it does nothing where they exist. */
    static void removeDemoSponsorship() {
        String members = "array[" + String.join(",", DemoSponsorship.MEMBERS.stream().map(m -> "'" + m[0] + "'::uuid")
                .toList()) + "]";
        TestDb.update("delete from incentive_line where participant_id = any (" + members + ")");
        TestDb.update("delete from contribution_month where contribution_id in (select id from contribution"
                + " where participant_id = any (" + members + "))");
        TestDb.update("delete from contribution where participant_id = any (" + members + ")");
        TestDb.update("delete from sponsorship_invoice where sponsorship_id = ?::uuid", DemoSponsorship.ID);
        TestDb.update("delete from sponsorship_member where sponsorship_id = ?::uuid", DemoSponsorship.ID);
        TestDb.update("delete from sponsorship where id = ?::uuid", DemoSponsorship.ID);
        TestDb.update("delete from batch where id = ?::uuid", DemoSponsorship.MEMBER_BATCH);
        TestDb.update("delete from participant where id = any (" + members + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-12-10T10:00", "2027-06-10T10:00", "2028-01-31T23:59" })
    void theSeededInvoiceIsPaidWithTheDocumentsExamplesOnAnyDate(String wib) {
        MovableTime.installAtWib(LocalDateTime.parse(wib));
        YearMonth month = YearMonth.from(LocalDateTime.parse(wib));
        removeDemoSponsorship();
        String partner = Fixtures.partner("DEMO");
        DemoSponsorship.seed(pool, crypto, partner, Agents.create(partner), month);

        Map<String, Object> operation = payment();
        String sponsorship = example(operation, "sponsorshipId");
        assertEquals(DemoSponsorship.ID, sponsorship);
        String invoiceMonth = example(operation, "month");
        var invoice = given().auth().oauth2(Payments.token(partner))
                .get("/v1/sponsorships/{id}/invoices/{m}", sponsorship, invoiceMonth).then().statusCode(200).extract();
        assertEquals(month.toString(), invoice.path("month"));
        assertEquals("OPEN", invoice.path("status"));
        assertEquals(3, (int) invoice.path("count"), invoice.asString());
        Map<String, Object> body = body(operation);
        assertEquals(((Number) body.get("amount")).intValue(), (int) invoice.path("totalAmount"));

        var paid = given().auth().oauth2(Payments.token(partner)).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .post("/v1/sponsorships/{id}/invoices/{m}/payments", sponsorship, invoiceMonth).then().extract();
        assertEquals(201, paid.statusCode(), paid.asString());
        assertEquals(month.toString(), paid.path("month"));
        assertTrue(paid.header("Location").endsWith("/invoices/" + month), paid.header("Location"));
        assertEquals(3, TestDb.count("select count(*) from participant where id = any (array[?::uuid, ?::uuid, ?::uuid])"
                + " and covered_until = ?", DemoSponsorship.MEMBERS.get(0)[0], DemoSponsorship.MEMBERS.get(1)[0],
                DemoSponsorship.MEMBERS.get(2)[0], month.atDay(1)));
    }
}
