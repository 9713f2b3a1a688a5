package id.perisai.api.sponsorship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.support.DemoApp;
import id.perisai.api.support.DemoReplicas;
import id.perisai.api.support.PackagedApp;
import id.perisai.api.support.TestDb;

/**
 * growth.md §2 "exactly once, whatever the retries and replicas": two replicas of the packaged app on one database,
 * with the dev seed's demo sponsorship (three members of the demo agent), each sent the same invoice's payment at the
 * same moment. With two Idempotency-Keys (two payment orders of one invoice), one is recorded (201) and the other
 * refused with 409 "already paid"; with one key and one body (a retry that reached the other replica), one payment is
 * recorded and the other call gets its answer (201, {@code Idempotent-Replayed: true}) or, while the first is being
 * accepted, 409 {@code idempotency-key-in-flight}, whose retry then gets the answer. Either way the database holds one
 * contribution per member for the month, its covered month, the coverage moved to that month, one incentive line per
 * contribution and one PAID invoice.
 */
class InvoicePaymentReplicasIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String SCHEMA = "perisai_invoice_replicas";

    record Answer(int status, JsonNode body, String replayed) {
    }

    @Test
    void oneInvoicePaidOnTwoReplicasAtOnceIsRecordedOnce() throws Exception {
        try (DemoReplicas replicas = DemoReplicas.start(SCHEMA, Map.of())) {
            PackagedApp a = replicas.a();
            PackagedApp b = replicas.b();
            String token = DemoApp.token(a, DemoApp.CLIENT_ID, DemoApp.CLIENT_SECRET);
            String sponsorship = get(a, token, "/v1/sponsorships").get("items").get(0).get("sponsorshipId").asText();
            List<String> members = new ArrayList<>();
            get(a, token, "/v1/sponsorships/" + sponsorship + "/members").get("items")
                    .forEach(m -> members.add(m.get("participantId").asText()));
            assertEquals(3, members.size());

            // two payment orders of this month's invoice, each with its key and reference, one to each replica
            JsonNode open = get(a, token, "/v1/sponsorships/" + sponsorship + "/invoices/current");
            YearMonth month = YearMonth.parse(open.get("month").asText());
            long total = open.get("totalAmount").asLong();
            assertEquals(3, open.get("count").asInt(), open.toString());
            List<Answer> answers = atOnce(List.of(
                    pay(a, token, sponsorship, month, "keys-a-" + UUID.randomUUID(), body("SP2D-RA-1", total)),
                    pay(b, token, sponsorship, month, "keys-b-" + UUID.randomUUID(), body("SP2D-RB-1", total))));
            Answer won = answers.get(0);
            Answer lost = answers.get(1);
            assertEquals(List.of(201, 409), List.of(won.status(), lost.status()), answers.toString());
            assertNull(won.replayed());
            assertEquals("The invoice of this month is already paid", lost.body().get("detail").asText());
            assertFalse(lost.body().toString().contains("nik"), "no personal data in the problem: " + lost.body());
            assertPaidOnce(sponsorship, month, members, won.body().get("paymentRef").asText());

            // one payment order (one key, one body) that reached both replicas: next month, now first unpaid
            YearMonth next = month.plusMonths(1);
            long nextTotal = get(b, token, "/v1/sponsorships/" + sponsorship + "/invoices/" + next).get("totalAmount")
                    .asLong();
            String key = "retry-" + UUID.randomUUID();
            String same = body("SP2D-RS-2", nextTotal);
            answers = atOnce(List.of(pay(a, token, sponsorship, next, key, same), pay(b, token, sponsorship, next, key,
                    same)));
            Answer first = answers.get(0);
            Answer other = answers.get(1);
            assertEquals(201, first.status(), answers.toString());
            if (other.status() == 409) {
                assertTrue(other.body().get("type").asText().endsWith("/idempotency-key-in-flight"), other.toString());
                // the caller retries, as the Retry-After says, and gets the first answer
                PackagedApp replica = b;
                other = await(() -> pay(replica, token, sponsorship, next, key, same));
            }
            assertEquals(201, other.status(), other.toString());
            Answer original = first.replayed() == null ? first : other;
            Answer replay = first.replayed() == null ? other : first;
            assertNull(original.replayed(), answers.toString());
            assertEquals("true", replay.replayed(), answers.toString());
            assertEquals(original.body(), replay.body(), "the replay is the first answer");
            assertPaidOnce(sponsorship, next, members, "SP2D-RS-2");
            assertEquals(1, count("select count(*) from idempotency_key where idem_key = ?", key));
        }
    }

    /** One PAID invoice of the month, and for each member one contribution, covered month and incentive line. */
    static void assertPaidOnce(String sponsorship, YearMonth month, List<String> members, String paymentRef)
            throws Exception {
        LocalDate first = month.atDay(1);
        assertEquals(1, count("select count(*) from sponsorship_invoice where sponsorship_id = ?::uuid and month = ?",
                sponsorship, first));
        assertEquals(1, count("select count(*) from sponsorship_invoice where sponsorship_id = ?::uuid and month = ?"
                + " and payment_ref = ? and member_count = 3", sponsorship, first, paymentRef));
        Map<String, Long> perMember = new TreeMap<>();
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement("""
                select c.participant_id::text, count(*) from contribution c
                  join contribution_month m on m.contribution_id = c.id
                 where m.month = ? and c.participant_id = any (?::uuid[])
                 group by c.participant_id""")) {
            s.setObject(1, first);
            s.setArray(2, c.createArrayOf("text", members.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    perMember.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        Map<String, Long> once = new TreeMap<>();
        members.forEach(m -> once.put(m, 1L));
        assertEquals(once, perMember, "one contribution per member for " + month);
        assertEquals(3, count("select count(*) from contribution where payment_ref like ? and payer_type = 'GOVERNMENT'",
                paymentRef + "#%"));
        assertEquals(3, count("select count(*) from incentive_line l join contribution c on c.id = l.source_id"
                + " where l.type = 'CONTRIBUTION' and c.payment_ref like ?", paymentRef + "#%"));
        assertEquals(3, count("select count(*) from incentive_line l join contribution c on c.id = l.source_id"
                + " join contribution_month m on m.contribution_id = c.id where l.type = 'CONTRIBUTION'"
                + " and m.month = ? and c.participant_id = any (?::uuid[])", first, members.toArray(new String[0])));
        assertEquals(3, count("select count(*) from participant where id = any (?::uuid[]) and covered_until = ?",
                members.toArray(new String[0]), first), "the coverage of every member moved to " + month);
    }

    static String body(String paymentRef, long amount) throws Exception {
        return JSON.writeValueAsString(Map.of("paymentRef", paymentRef, "amount", amount, "paidAt",
                "2026-12-01T08:00:00+07:00"));
    }

    static HttpRequest pay(PackagedApp app, String token, String sponsorship, YearMonth month, String key, String body) {
        return HttpRequest.newBuilder(app.url("/v1/sponsorships/" + sponsorship + "/invoices/" + month + "/payments"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Sends the requests at the same time; the answers, 2xx first. */
    static List<Answer> atOnce(List<HttpRequest> requests) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (HttpRequest r : requests) {
            sent.add(HTTP.sendAsync(r, HttpResponse.BodyHandlers.ofString()));
        }
        List<Answer> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            answers.add(answer(f.get()));
        }
        answers.sort(Comparator.comparingInt(Answer::status));
        return answers;
    }

    static Answer answer(HttpResponse<String> r) throws Exception {
        return new Answer(r.statusCode(), JSON.readTree(r.body()), r.headers().firstValue("Idempotent-Replayed")
                .orElse(null));
    }

    interface Request {
        HttpRequest get() throws Exception;
    }

    /** The answer once the first request with the key has finished (409 in flight until then), within 30 s. */
    static Answer await(Request request) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            Answer a = answer(HTTP.send(request.get(), HttpResponse.BodyHandlers.ofString()));
            if (a.status() != 409 || System.nanoTime() > deadline) {
                return a;
            }
            Thread.sleep(200);
        }
    }

    static JsonNode get(PackagedApp app, String token, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(app.url(path)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    static Connection connection() throws Exception {
        return DriverManager.getConnection(new PackagedApp.Database(5432, TestDb.DATABASE, SCHEMA).jdbcUrl(), "postgres",
                "");
    }

    static long count(String sql, Object... params) throws Exception {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                s.setObject(i + 1, p instanceof String[] array ? c.createArrayOf("text", array) : p);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
