package id.perisai.api.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import id.perisai.api.collection.service.LapseAnnouncer;
import id.perisai.api.support.Agents;
import id.perisai.api.support.Concurrently;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.MovableTime;
import id.perisai.api.support.Payments;
import id.perisai.api.support.Sponsorships;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.WebhookReceiver;
import id.perisai.api.support.WebhookReceiver.Received;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The catalogue's events beyond the batch ones, each written in the transaction of its cause (events.md; quality.md
 * R8): {@code sponsorship.invoice.paid} by the invoice payment, {@code statement.closed} by closing an incentive
 * period and {@code participant.lapsed} by the daily lapse job with the record of what it announced, delivered to a
 * real receiver on 127.0.0.1, signed (verified by the Standard Webhooks npm library), with the documented data and no
 * personal data; a payment that is refused writes no event, a lapse is announced once, from 00:00 WIB of its day, to
 * its own partner only, however often and however many at once the job runs.
 */
@QuarkusTest
class WebhookEventsTest {

    static WebhookReceiver receiver;

    @Inject
    LapseAnnouncer lapses;

    @BeforeAll
    static void start() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    static long recorded(String participantId) {
        return TestDb.count("select count(*) from participant_lapse where participant_id = ?::uuid", participantId);
    }

    static long events(String partner, String type) {
        return TestDb.count("select count(*) from webhook_event e join partner p on p.id = e.partner_id"
                + " where p.code = ? and e.type = '" + type + "'", partner);
    }

    @Test
    @SuppressWarnings("unchecked")
    void paidSponsorshipInvoiceIsAnEventOfThePaymentTransaction() throws Exception {
        MovableTime.installAtWib(LocalDateTime.of(2026, 12, 10, 10, 0));
        String partner = Fixtures.partner("WHSP");
        Map<String, Object> endpoint = WebhooksTest.create(partner, receiver.url("/invoice-paid"),
                "sponsorship.invoice.paid");
        String agent = Agents.create(partner);
        List<String[]> w = Agents.registerWorkers(partner, agent, 2);
        String id = Sponsorships.create(partner, "GOVERNMENT", "2026-12", "2027-11", 2);
        Sponsorships.apply(partner, id, List.of(Sponsorships.member("m1", w.get(0)[0], "ADD", "2026-12"),
                Sponsorships.member("m2", w.get(1)[0], "ADD", "2026-12")), false);
        long total = ((Number) Sponsorships.invoice(partner, id, "2026-12").get("totalAmount")).longValue();

        // a refused payment (stale amount) rolls back: no event
        String key = UUID.randomUUID().toString();
        assertEquals(422, Sponsorships.pay(partner, id, "2026-12", total - 1, "SP2D-WH-1", key).statusCode());
        assertEquals(0, events(partner, "sponsorship.invoice.paid"));

        var paid = Sponsorships.pay(partner, id, "2026-12", total, "SP2D-WH-1", key);
        assertEquals(201, paid.statusCode(), paid.asString());
        assertEquals(1, events(partner, "sponsorship.invoice.paid"));
        Received r = receiver.await(x -> x.path().equals("/invoice-paid"), 1, Duration.ofSeconds(20)).get(0);
        Map<String, Object> body = WebhooksTest.body(r);
        assertEquals("sponsorship.invoice.paid", body.get("type"));
        Map<String, Object> data = (Map<String, Object>) body.get("data");
        assertEquals(id, data.get("sponsorshipId"));
        assertEquals("2026-12", data.get("month"));
        assertEquals("GOVERNMENT", data.get("payerType"));
        assertEquals("SP2D-WH-1", data.get("paymentRef"));
        assertEquals(2, data.get("count"));
        assertEquals(total, ((Number) data.get("totalAmount")).longValue());
        for (String[] worker : w) {
            assertFalse(r.body().contains(worker[0]), "no NIK in the event");
            assertFalse(r.body().contains(worker[1]), "no participant id in the event");
        }
        // the replay of the payment (same key) is not a second event
        assertEquals(201, Sponsorships.pay(partner, id, "2026-12", total, "SP2D-WH-1", key).statusCode());
        assertEquals(1, events(partner, "sponsorship.invoice.paid"));
        WebhookReceiver.verifyWithStandardWebhooks(List.of(WebhookReceiver.check((String) endpoint.get("secret"), r, true)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void closingAPeriodIsAStatementClosedEventPerPartnerWithItsTotals() throws Exception {
        MovableTime time = MovableTime.installAtWib(LocalDateTime.of(2035, 6, 10, 10, 0));
        String partner = Fixtures.partner("WHST");
        String quiet = Fixtures.partner("WHSQ"); // subscribed, but without a statement in the period: no event
        Map<String, Object> endpoint = WebhooksTest.create(partner, receiver.url("/closed"), "statement.closed");
        WebhooksTest.create(quiet, receiver.url("/closed-quiet"), "statement.closed");
        String agent = Agents.create(partner);
        List<String[]> workers = new ArrayList<>(Agents.registerWorkers(partner, agent, 2));
        Agents.payOneMonth(partner, workers, "2035-06", 36_800);

        time.setWib(LocalDateTime.of(2035, 7, 2, 9, 0));
        Map<String, Object> closed = given().auth().oauth2(Fixtures.adminToken())
                .post("/v1/admin/incentive-statements/{period}/close", "2035-06").then().statusCode(200)
                .body("status", equalTo("CLOSED")).extract().as(Map.class);
        Map<String, Object> statement = given().auth().oauth2(id.perisai.api.support.TestTokens.partner(partner,
                "incentives:read").sign()).get("/v1/incentives/statements/{period}", "2035-06").then().statusCode(200)
                .extract().as(Map.class);

        Received r = receiver.await(x -> x.path().equals("/closed"), 1, Duration.ofSeconds(20)).get(0);
        Map<String, Object> body = WebhooksTest.body(r);
        assertEquals("statement.closed", body.get("type"));
        Map<String, Object> data = (Map<String, Object>) body.get("data");
        assertEquals("2035-06", data.get("period"));
        assertEquals(closed.get("scheme"), data.get("scheme"));
        assertEquals(1, data.get("agents"));
        assertEquals(statement.get("agentTotal"), data.get("agentTotal"));
        assertEquals(statement.get("partnerFee"), data.get("partnerFee"));
        assertEquals(statement.get("grandTotal"), data.get("grandTotal"));
        assertFalse(r.body().contains(workers.get(0)[0]), "no NIK in the event");
        assertEquals(1, events(partner, "statement.closed"));
        assertEquals(0, events(quiet, "statement.closed"), "no statement, no event");
        WebhookReceiver.verifyWithStandardWebhooks(List.of(WebhookReceiver.check((String) endpoint.get("secret"), r, true)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void lapsedParticipantsAreAnnouncedOnceToTheirOwnPartnerFromMidnightWib() throws Exception {
        MovableTime time = MovableTime.installAtWib(LocalDateTime.of(2026, 7, 10, 10, 0));
        String partner = Fixtures.partner("WHLA");
        String other = Fixtures.partner("WHLB");
        Map<String, Object> endpoint = WebhooksTest.create(partner, receiver.url("/lapsed"), "participant.lapsed");
        Map<String, Object> otherEndpoint = WebhooksTest.create(other, receiver.url("/lapsed-other"),
                "participant.lapsed");
        // registered in 2026-07: two never pay (first unpaid 2026-07, lapse on 2026-11-01), one pays July (lapses on
        // 2026-12-01); the other partner's worker never pays either
        List<String[]> workers = Agents.registerWorkers(partner, Agents.create(partner), 3);
        Map<String, Object> july = Payments.payment(workers.get(2)[0], "2026-07", 1, 28_400, "SELF");
        july.put("paidAt", "2026-07-10T09:30:00+07:00");
        assertEquals("ACCEPTED", Payments.pay(partner, List.of(july)).get(0).get("status"));
        List<String[]> othersWorkers = Agents.registerWorkers(other, Agents.create(other), 1);

        // the minute before the edge: AT_RISK still, nothing to announce
        time.setWib(LocalDateTime.of(2026, 10, 31, 23, 59));
        lapses.run().await().indefinitely();
        assertEquals(0, events(partner, "participant.lapsed"));
        assertEquals(0, events(other, "participant.lapsed"));

        // at 00:00 WIB two runs race: every lapse recorded and announced once
        time.setWib(LocalDateTime.of(2026, 11, 1, 0, 0));
        int announced = Concurrently.atOnce(2, () -> lapses.run().await().indefinitely()).stream()
                .mapToInt(Integer::intValue).sum();
        assertTrue(announced >= 3, "both partners' lapses announced");
        for (String[] w : List.of(workers.get(0), workers.get(1), othersWorkers.get(0))) {
            assertEquals(1, recorded(w[1]), "one record per lapse");
        }
        assertEquals(0, recorded(workers.get(2)[1]), "a participant who paid has not lapsed");
        assertEquals(1, events(partner, "participant.lapsed"), "one event: both lapses in it");
        assertEquals(1, events(other, "participant.lapsed"));

        Received r = receiver.await(x -> x.path().equals("/lapsed"), 1, Duration.ofSeconds(20)).get(0);
        Map<String, Object> body = WebhooksTest.body(r);
        assertEquals("participant.lapsed", body.get("type"));
        Map<String, Object> data = (Map<String, Object>) body.get("data");
        assertEquals(List.of("lapsedOn", "participantIds"), List.copyOf(data.keySet()));
        assertEquals("2026-11-01", data.get("lapsedOn"));
        assertEquals(Set.of(workers.get(0)[1], workers.get(1)[1]), Set.copyOf((List<String>) data.get("participantIds")));
        assertEquals(2, ((List<String>) data.get("participantIds")).size());
        Received o = receiver.await(x -> x.path().equals("/lapsed-other"), 1, Duration.ofSeconds(20)).get(0);
        assertEquals(List.of(othersWorkers.get(0)[1]),
                ((Map<String, Object>) WebhooksTest.body(o).get("data")).get("participantIds"));
        // another partner's lapse never reaches the endpoint, nor any personal data
        assertFalse(r.body().contains(othersWorkers.get(0)[1]), "only the partner's own participants");
        assertFalse(o.body().contains(workers.get(0)[1]), "only the partner's own participants");
        for (String[] w : workers) {
            assertFalse(r.body().contains(w[0]), "no NIK in the event");
        }
        assertFalse(r.body().contains("Siti") || r.body().contains("Budi"), "no name in the event");
        assertFalse(r.body().contains("0812"), "no phone in the event");

        // later runs, that day and within the catch-up days, announce nothing again
        assertEquals(0, lapses.run().await().indefinitely(), "a second run that day announces nothing");
        time.setWib(LocalDateTime.of(2026, 11, 2, 0, 5));
        assertEquals(0, lapses.run().await().indefinitely(), "nor does the next day's run");
        assertEquals(1, events(partner, "participant.lapsed"));
        assertEquals(1, events(other, "participant.lapsed"));
        Thread.sleep(500);
        assertEquals(1, receiver.received(x -> x.path().equals("/lapsed")).size());
        assertEquals(1, receiver.received(x -> x.path().equals("/lapsed-other")).size());
        WebhookReceiver.verifyWithStandardWebhooks(List.of(WebhookReceiver.check((String) endpoint.get("secret"), r, true),
                WebhookReceiver.check((String) otherEndpoint.get("secret"), o, true)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPartnersLapsesBeyondAPageAreMoreEventsWithEachParticipantInOne() throws Exception {
        MovableTime time = MovableTime.installAtWib(LocalDateTime.of(2026, 8, 3, 10, 0));
        String partner = Fixtures.partner("WHLP");
        WebhooksTest.create(partner, receiver.url("/lapsed-pages"), "participant.lapsed");
        // registered in 2026-08, never paid: all three lapse on 2026-12-01
        List<String[]> workers = Agents.registerWorkers(partner, Agents.create(partner), 3);

        time.setWib(LocalDateTime.of(2026, 12, 1, 0, 5));
        lapses.run(2).await().indefinitely();
        assertEquals(2, events(partner, "participant.lapsed"), "pages of two: two events");
        List<Received> received = receiver.await(x -> x.path().equals("/lapsed-pages"), 2, Duration.ofSeconds(20));
        List<String> announced = new ArrayList<>();
        for (Received r : received) {
            Map<String, Object> data = (Map<String, Object>) WebhooksTest.body(r).get("data");
            assertEquals("2026-12-01", data.get("lapsedOn"));
            List<String> ids = (List<String>) data.get("participantIds");
            assertTrue(ids.size() <= 2, ids.toString());
            announced.addAll(ids);
        }
        assertEquals(3, announced.size(), "each participant in one event: " + announced);
        assertEquals(Set.of(workers.get(0)[1], workers.get(1)[1], workers.get(2)[1]), Set.copyOf(announced));
        assertEquals(0, lapses.run(2).await().indefinitely(), "nothing left to announce");
    }
}
