package id.perisai.api.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.support.Agents;
import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.OpenApiOperations;
import id.perisai.api.support.OpenApiOperations.Operation;
import id.perisai.api.support.Payments;
import id.perisai.api.support.Sponsorships;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * quality.md S2, broken object-level authorisation: every partner operation of the served OpenAPI document that takes
 * an id in its path is called by partner B, holding every partner scope, with partner A's real ids — it must answer
 * 404 (as for an id that does not exist: nothing about A's object is disclosed) and change nothing of A's. A new
 * id-taking operation whose path parameter this test cannot fill fails here, so it gets a check too.
 */
@QuarkusTest
class ObjectLevelAuthorizationTest {

    static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    static final List<String> PARTNER_SCOPES = List.of("agents:read", "agents:write", "registrations:read",
            "registrations:write", "contributions:read", "contributions:write", "incentives:read", "webhooks:manage");

    /** Partner A's objects, by the name of the path parameter (and, for batches, the collection). */
    static Map<String, String> owned;
    static String partnerA;
    static String partnerB;

    @BeforeEach
    void objectsOfPartnerA() {
        if (owned != null) {
            return;
        }
        partnerA = Fixtures.partner("BOLAA");
        partnerB = Fixtures.partner("BOLAB");
        String agentCode = Agents.create(partnerA);
        String[] worker = Payments.registered(partnerA, true);
        String registrationBatch = (String) TestDb.query(
                "select source_batch_id::text as id from participant where id = ?::uuid", worker[1]).get(0).get("id");
        var payment = Payments.submit(partnerA, List.of(Payments.payment(worker[0], "2026-11", 1, 1, "SELF")), false);
        assertEquals(202, payment.statusCode(), payment.asString());
        String sponsorship = Sponsorships.create(partnerA, "GOVERNMENT", "2026-11", "2027-12", 10);
        var members = Sponsorships.submit(partnerA, sponsorship, "application/json",
                Batches.json(List.of(Sponsorships.member("m", worker[0], "ADD", "2026-12"))), UUID.randomUUID().toString(),
                false);
        assertEquals(202, members.statusCode(), members.asString());
        String endpointId = given().auth().oauth2(TestTokens.partner(partnerA, "webhooks:manage").sign())
                .contentType("application/json")
                .body(Map.of("url", "https://hooks.wadah.example/bola", "events", List.of("batch.completed")))
                .post("/v1/webhook-endpoints").then().statusCode(201).extract().path("endpointId");
        String eventId = "msg_" + UUID.randomUUID().toString().replace("-", "");
        TestDb.update("""
                insert into webhook_event (id, partner_id, type, payload, occurred_at)
                select ?, id, 'batch.completed', '{}', now() from partner where code = ?""", eventId, partnerA);
        String deliveryId = UUID.randomUUID().toString();
        TestDb.update("""
                insert into webhook_delivery (id, event_id, endpoint_id, status, attempts, created_at)
                values (?::uuid, ?, ?::uuid, 'FAILED', 8, now())""", deliveryId, eventId, endpointId);
        owned = Map.ofEntries(Map.entry("agentCode", agentCode), Map.entry("participantId", worker[1]),
                Map.entry("registration-batches", registrationBatch),
                Map.entry("contribution-batches", payment.path("batchId")), Map.entry("period", "2026-11"),
                Map.entry("sponsorshipId", sponsorship), Map.entry("sponsorships", members.path("batchId")),
                Map.entry("month", "2026-12"), Map.entry("endpointId", endpointId), Map.entry("deliveryId", deliveryId));
        owned.values().forEach(v -> assertNotNull(v));
    }

    /** A's id for each path parameter, or null when the operation has none of A's objects in its path. */
    static String path(Operation op) {
        Matcher m = PARAMETER.matcher(op.path());
        StringBuilder out = new StringBuilder();
        boolean foreign = false;
        while (m.find()) {
            String name = m.group(1);
            String value;
            if ("batchId".equals(name)) {
                value = owned.get(op.path().split("/")[2]);
            } else {
                value = owned.get(name);
            }
            assertNotNull(value, op + ": the object-level check has no object of partner A for {" + name + "}");
            foreign |= !"period".equals(name); // a period is not an object of A: B's own statement of it is B's
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return foreign ? out.toString() : null;
    }

    /** The same path with ids that exist nowhere. */
    static String unknownIds(Operation op) {
        return op.path(Map.of("agentCode", "AGNOSUCHAGENT", "period", "2026-11"));
    }

    static Map<String, Object> stateOfA() {
        return TestDb
                .query("""
                        select (select string_agg(a.status || coalesce(a.phone, ''), ',') from agent a join partner p on p.id = a.partner_id
                                 where p.code = ?) as agents,
                               (select count(*) from batch b join partner p on p.id = b.partner_id where p.code = ?) as batches,
                               (select string_agg(status || coalesce(partner_id::text, ''), ',') from participant
                                 where id = ?::uuid) as participant,
                               (select string_agg(w.status || w.url || encode(w.secret_cipher, 'hex'), ',')
                                  from webhook_endpoint w join partner p on p.id = w.partner_id where p.code = ?) as endpoints,
                               (select string_agg(status || attempts, ',') from webhook_delivery where id = ?::uuid) as delivery
                        """,
                        partnerA, partnerA, owned.get("participantId"), partnerA, owned.get("deliveryId"))
                .get(0);
    }

    @TestFactory
    Stream<DynamicTest> partnerBGets404ForEveryObjectOfPartnerA() {
        List<DynamicTest> tests = new ArrayList<>();
        List<Operation> ops = OpenApiOperations.served("/v1/").stream().filter(op -> !op.admin())
                .filter(op -> op.path().contains("{")).toList();
        assertTrue(ops.size() >= 8, "id-taking partner operations: " + ops);
        for (Operation op : ops) {
            tests.add(DynamicTest.dynamicTest(op.toString(), () -> {
                String path = path(op);
                if (path == null) {
                    return;
                }
                // A itself reaches the object (so B's 404 is about ownership, not a wrong id)
                if ("GET".equals(op.method())) {
                    assertEquals(200, call(op, path, partnerA).statusCode(), op + " as A");
                }
                Map<String, Object> before = stateOfA();
                Response asB = call(op, path, partnerB);
                assertEquals(404, asB.statusCode(), op + " as B: " + asB.asString());
                assertEquals("application/problem+json", asB.contentType().split(";")[0]);
                // the same answer as for an object that never existed: nothing tells B that A's object is there
                Response unknown = call(op, unknownIds(op), partnerB);
                assertEquals(unknown.statusCode(), asB.statusCode());
                assertEquals(unknown.jsonPath().getString("title"), asB.jsonPath().getString("title"), op.toString());
                assertEquals(unknown.jsonPath().getString("type"), asB.jsonPath().getString("type"), op.toString());
                assertEquals(before, stateOfA(), op + " as B changed A's objects");
            }));
        }
        return tests.stream();
    }

    static Response call(Operation op, String path, String partner) {
        var request = given().auth().oauth2(TestTokens.partner(partner, PARTNER_SCOPES.toArray(String[]::new)).sign())
                .header("Idempotency-Key", UUID.randomUUID().toString());
        List<Object> examples = op.requestExamples().getOrDefault("application/json", List.of());
        if (!examples.isEmpty()) {
            try {
                request.contentType("application/json").body(new ObjectMapper().writeValueAsString(examples.get(0)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return request.request(op.method(), path);
    }
}
