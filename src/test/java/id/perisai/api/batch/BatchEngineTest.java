package id.perisai.api.batch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import id.perisai.api.batch.intake.StagingJanitor;
import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * The batch engine on its own, through a kind that exists only in the test build ({@link TestItemBatches}: a kind with
 * a parent, staging a row per record, with a processor that can be made to fail): receiving in several staging
 * transactions, the queue and the workers, results as JSON pages and CSV, Idempotency-Key, quota, parents, and that a
 * refused or abandoned batch leaves nothing behind. The registration and contribution kinds are tested through their
 * own endpoints.
 */
@QuarkusTest
class BatchEngineTest {

    @Inject
    StagingJanitor janitor;

    static String token(String partner) {
        return TestTokens.partner(partner, "contributions:write", "contributions:read").sign();
    }

    static String items(int... values) {
        StringBuilder sb = new StringBuilder("{\"records\":[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"externalRef\":\"it-").append(i + 1).append("\",\"value\":")
                    .append(values[i]).append('}');
        }
        return sb.append("]}").toString();
    }

    static ExtractableResponse<Response> submit(String partner, String group, String body, String key) {
        return given().config(Batches.UTF8).auth().oauth2(token(partner)).contentType("application/json")
                .header("Idempotency-Key", key).body(body)
                .post("/test-only/groups/{group}/item-batches", group).then().extract();
    }

    static Map<String, Object> awaitFinished(String partner, String group, String batchId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Map<String, Object> batch = given().auth().oauth2(token(partner))
                    .get("/test-only/groups/{group}/item-batches/{id}", group, batchId).then().statusCode(200).extract()
                    .as(Map.class);
            if ("COMPLETED".equals(batch.get("status")) || "FAILED".equals(batch.get("status"))) {
                return batch;
            }
            assertTrue(System.nanoTime() < deadline, "not finished: " + batch);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static long batchesOf(String partner) {
        return TestDb.count("select count(*) from batch b join partner p on p.id = b.partner_id where p.code = ?",
                partner);
    }

    /** Staged input or results left without their batch row. */
    static long orphans() {
        return TestDb
                .count("""
                        select (select count(*) from test_item_input i where not exists (select 1 from batch b where b.id = i.batch_id))
                             + (select count(*) from test_item_result r where not exists (select 1 from batch b where b.id = r.batch_id))""");
    }

    @Test
    void aKindPluggedIntoTheEngineIsReceivedInChunksProcessedAndReadLikeAnyOther() {
        String partner = Fixtures.partner("ENG");
        // 25 records: three staging transactions of 10; 7, 14 and 21 are DUPLICATE, 2_000_000 is REJECTED
        int[] values = new int[25];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
        }
        values[4] = 2_000_000;
        var accepted = submit(partner, "g-one", items(values), UUID.randomUUID().toString());
        assertEquals(202, accepted.statusCode(), accepted.asString());
        String batchId = accepted.path("batchId");
        assertEquals("/test-only/groups/g-one/item-batches/" + batchId, accepted.header("Location"));
        assertEquals("RECEIVED", accepted.path("status"), "this kind is always left to the workers");

        Map<String, Object> done = awaitFinished(partner, "g-one", batchId);
        assertEquals("COMPLETED", done.get("status"));
        assertEquals(Map.of("received", 25, "accepted", 21, "duplicate", 3, "rejected", 1), done.get("totals"));

        // JSON pages, in index order, with the kind's own member beside the engine's
        var first = given().auth().oauth2(token(partner)).queryParam("limit", 10)
                .get("/test-only/groups/g-one/item-batches/{id}/records", batchId).then().statusCode(200).extract();
        List<Map<String, Object>> page = first.path("items");
        assertEquals(10, page.size());
        assertEquals(Map.of("index", 1, "externalRef", "it-1", "status", "ACCEPTED", "doubled", 2), page.get(0));
        assertEquals("REJECTED", page.get(4).get("status"));
        assertEquals("VALUE_INVALID", ((List<Map<String, Object>>) page.get(4).get("errors")).get(0).get("code"));
        assertEquals("DUPLICATE", page.get(6).get("status"));
        String cursor = first.path("nextCursor");
        List<Map<String, Object>> rest = given().auth().oauth2(token(partner)).queryParam("limit", 500)
                .queryParam("cursor", cursor).get("/test-only/groups/g-one/item-batches/{id}/records", batchId).then()
                .statusCode(200).extract().path("items");
        assertEquals(15, rest.size());
        assertEquals(11, rest.get(0).get("index"));
        List<Map<String, Object>> duplicates = given().auth().oauth2(token(partner)).queryParam("status", "DUPLICATE")
                .get("/test-only/groups/g-one/item-batches/{id}/records", batchId).then().statusCode(200).extract()
                .path("items");
        assertEquals(List.of(7, 14, 21), duplicates.stream().map(r -> r.get("index")).toList());

        // CSV: the engine's columns around the kind's own
        String csv = given().auth().oauth2(token(partner)).accept("text/csv")
                .get("/test-only/groups/g-one/item-batches/{id}/records", batchId).then().statusCode(200)
                .header("Content-Disposition", endsWith("item-batch.csv\"")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("index,externalRef,status,doubled,errors", lines[0]);
        assertEquals("1,it-1,ACCEPTED,2,", lines[1]);
        assertEquals("5,it-5,REJECTED,,value:VALUE_INVALID", lines[5]);
        assertEquals("7,it-7,DUPLICATE,,value:SEVEN", lines[7]);
        assertEquals(26, lines.length);

        // the batch in the partner's list, newest first, and nothing left staged
        List<Map<String, Object>> listed = given().auth().oauth2(token(partner))
                .get("/test-only/groups/g-one/item-batches").then().statusCode(200).extract().path("items");
        assertEquals(batchId, listed.get(0).get("batchId"));
        assertEquals(0, TestDb.count("select count(*) from test_item_input where batch_id = ?::uuid", batchId));
        assertEquals(25, TestDb.count("select count(*) from test_item_result where batch_id = ?::uuid", batchId));

        // the listeners heard it in the transaction that completed it, and the after-commit event followed
        assertEquals(List.of(Map.of("kind", "TEST_ITEM", "status", "COMPLETED", "received", 25)),
                TestDb.query("select kind, status, received from test_batch_event where batch_id = ?::uuid", batchId));
        awaitCommittedEvent(batchId);
    }

    static void awaitCommittedEvent(String batchId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!RecordingBatchListener.COMMITTED.contains(UUID.fromString(batchId))) {
            assertTrue(System.nanoTime() < deadline, "no after-commit event for " + batchId);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void listenersHearBatchesOfEveryKindThatFinishWithinTheirRequest() {
        String partner = Fixtures.partner("ENGL");
        String batchId = Batches.submitJson(partner, id.perisai.api.support.Workers.records(2, "engl-"));
        assertEquals(List.of(Map.of("kind", "REGISTRATION", "status", "COMPLETED", "received", 2)),
                TestDb.query("select kind, status, received from test_batch_event where batch_id = ?::uuid", batchId),
                "a small registration batch completes in its accepting transaction, and is announced there");
        awaitCommittedEvent(batchId);
    }

    @Test
    void batchesBelongToTheirParentAndPartner() {
        String partner = Fixtures.partner("ENGP");
        String other = Fixtures.partner("ENGQ");
        String batchId = submit(partner, "g-mine", items(1, 2), UUID.randomUUID().toString()).path("batchId");
        given().auth().oauth2(token(partner)).get("/test-only/groups/g-mine/item-batches/{id}", batchId).then()
                .statusCode(200);
        given().auth().oauth2(token(partner)).get("/test-only/groups/g-else/item-batches/{id}", batchId).then()
                .statusCode(404);
        given().auth().oauth2(token(other)).get("/test-only/groups/g-mine/item-batches/{id}", batchId).then()
                .statusCode(404);
        given().auth().oauth2(token(other)).get("/test-only/groups/g-mine/item-batches/{id}/records", batchId).then()
                .statusCode(404);
        List<Object> elsewhere = given().auth().oauth2(token(partner)).get("/test-only/groups/g-else/item-batches").then()
                .statusCode(200).extract().path("items");
        assertTrue(elsewhere.isEmpty());
        // a parent the kind does not know is a 404 before anything is read or stored
        var refused = submit(partner, "NOT-A-GROUP", items(1), UUID.randomUUID().toString());
        assertEquals(404, refused.statusCode(), refused.asString());
        assertEquals(1, batchesOf(partner));
    }

    @Test
    void idempotencyKeysAreTheEnginesForEveryKindAndScopedByParent() {
        String partner = Fixtures.partner("ENGI");
        String key = UUID.randomUUID().toString();
        var first = submit(partner, "g-a", items(1, 2, 3), key);
        assertEquals(202, first.statusCode());
        var again = submit(partner, "g-a", items(1, 2, 3), key);
        assertEquals(202, again.statusCode());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first.asString(), again.asString());
        assertEquals(first.header("Location"), again.header("Location"));
        var reused = submit(partner, "g-a", items(1, 2, 4), key);
        assertEquals(422, reused.statusCode());
        assertTrue(reused.<String> path("type").endsWith("/problems/idempotency-key-reused"));
        // the same key under another parent is another request
        assertEquals(202, submit(partner, "g-b", items(1, 2, 3), key).statusCode());
        assertEquals(2, batchesOf(partner));
    }

    @Test
    void aProcessorThatKeepsFailingEndsFailedWithExactlyOneOutcomePerRecord() {
        String partner = Fixtures.partner("ENGF");
        int failuresBefore = TestItemBatches.FAILURES.get();
        // the processor decides 5 records (a chunk is 5000) … it fails on the whole chunk every time
        String batchId = submit(partner, "g-f", items(1, 2, -1, 4, 5), UUID.randomUUID().toString()).path("batchId");
        Map<String, Object> done = awaitFinished(partner, "g-f", batchId);
        assertEquals("FAILED", done.get("status"));
        assertTrue(TestItemBatches.FAILURES.get() - failuresBefore >= 10, "retried up to the maximum attempts");
        assertEquals(Map.of("received", 5, "accepted", 0, "duplicate", 0, "rejected", 5), done.get("totals"));
        List<Map<String, Object>> results = given().auth().oauth2(token(partner))
                .get("/test-only/groups/g-f/item-batches/{id}/records", batchId).then().statusCode(200).extract()
                .path("items");
        assertEquals(5, results.size());
        for (Map<String, Object> r : results) {
            assertEquals("REJECTED", r.get("status"));
            assertEquals("PROCESSING_FAILED", ((List<Map<String, Object>>) r.get("errors")).get(0).get("code"));
        }
        assertEquals(0, TestDb.count("select count(*) from test_item_input where batch_id = ?::uuid", batchId));
        assertEquals(List.of(Map.of("kind", "TEST_ITEM", "status", "FAILED", "received", 5)),
                TestDb.query("select kind, status, received from test_batch_event where batch_id = ?::uuid", batchId));
        awaitCommittedEvent(batchId);
    }

    @Test
    void aBatchRefusedAfterItsChunksWereStagedLeavesNothingBehind() {
        // the quota is checked against the whole batch in the accepting transaction: 25 records for 20 → 429
        String partner = Fixtures.partner("ENGQ", 1000, 20, 1000, 1000);
        int[] values = new int[25];
        java.util.Arrays.fill(values, 3);
        var refused = submit(partner, "g-q", items(values), UUID.randomUUID().toString());
        assertEquals(429, refused.statusCode(), refused.asString());
        assertEquals(0, batchesOf(partner));
        assertEquals(0, orphans(), "the chunks staged before the refusal are gone");

        // a body that turns out malformed after three chunks' worth of records
        String broken = items(values).replace("]}", ",{\"externalRef\":\"x\",\"value\":");
        var malformed = submit(partner, "g-q", broken, UUID.randomUUID().toString());
        assertEquals(400, malformed.statusCode(), malformed.asString());
        assertEquals(0, batchesOf(partner));
        assertEquals(0, orphans());

        // and the key of a refused request can be used again, for a batch that fits
        assertEquals(202, submit(partner, "g-q", items(1, 2), UUID.randomUUID().toString()).statusCode());
    }

    @Test
    void stagingBatchesAreInvisibleAndThoseOfADeadReplicaAreSweptAway() {
        String partner = Fixtures.partner("ENGS");
        long partnerId = TestDb.count("select id from partner where code = ?", partner);
        UUID dead = UUID.randomUUID();
        UUID alive = UUID.randomUUID();
        for (UUID id : List.of(dead, alive)) {
            TestDb.update("""
                    insert into batch (id, kind, partner_id, parent, status, dry_run, content_type, submitted_at, received,
                                       staged, lease_owner, lease_until)
                    values (?, 'TEST_ITEM', ?, 'g-s', 'STAGING', false, 'application/json', now(), 0, 0, 'gone-replica',
                            now() + (case when ? then interval '-1 hour' else interval '1 hour' end))""", id, partnerId,
                    id.equals(dead));
            TestDb.update("insert into test_item_input (batch_id, idx, item_value) values (?, 1, 1)", id);
            TestDb.update("insert into test_item_result (batch_id, idx, status, errors) values (?, 2, 'REJECTED', '[]')",
                    id);
        }
        given().auth().oauth2(token(partner)).get("/test-only/groups/g-s/item-batches/{id}", alive).then()
                .statusCode(404);
        List<Object> listed = given().auth().oauth2(token(partner)).get("/test-only/groups/g-s/item-batches").then()
                .statusCode(200).extract().path("items");
        assertTrue(listed.isEmpty(), "STAGING batches are not listed");

        assertTrue(janitor.sweepNow().await().indefinitely() >= 1);
        assertEquals(0, TestDb.count("select count(*) from batch where id = ?", dead));
        assertEquals(0, TestDb.count("select count(*) from test_item_input where batch_id = ?", dead));
        assertEquals(0, TestDb.count("select count(*) from test_item_result where batch_id = ?", dead));
        assertEquals(1, TestDb.count("select count(*) from batch where id = ?", alive), "a live staging is left alone");
        TestDb.update("delete from test_item_input where batch_id = ?", alive);
        TestDb.update("delete from test_item_result where batch_id = ?", alive);
        TestDb.update("delete from batch where id = ?", alive);
    }

    @Test
    void aDryRunIsAcceptedAndProcessedWithoutConsumingQuota() {
        String partner = Fixtures.partner("ENGD", 1000, 3, 1000, 1000);
        var dry = given().config(Batches.UTF8).auth().oauth2(token(partner)).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).queryParam("dryRun", "true")
                .body(items(1, 2, 3, 4, 5)).post("/test-only/groups/g-d/item-batches").then().statusCode(202)
                .body("dryRun", equalTo(true)).extract();
        awaitFinished(partner, "g-d", dry.path("batchId"));
        assertEquals(202, submit(partner, "g-d", items(1, 2, 3), UUID.randomUUID().toString()).statusCode(),
                "the dry run consumed none of the 3 records of today's quota");
        var bad = given().auth().oauth2(token(partner)).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).queryParam("dryRun", "maybe").body(items(1))
                .post("/test-only/groups/g-d/item-batches").then().extract();
        assertEquals(400, bad.statusCode());
        assertNull(bad.path("batchId"));
    }

    @Test
    void resultsFiltersAndCursorsAreCheckedOnce() {
        String partner = Fixtures.partner("ENGC");
        String batchId = submit(partner, "g-c", items(1), UUID.randomUUID().toString()).path("batchId");
        awaitFinished(partner, "g-c", batchId);
        List<String> invalid = new ArrayList<>();
        for (String[] query : new String[][] { { "status", "MAYBE" }, { "cursor", "not-a-number" },
                { "limit", "0" } }) {
            int status = given().auth().oauth2(token(partner)).queryParam(query[0], query[1])
                    .get("/test-only/groups/g-c/item-batches/{id}/records", batchId).then().extract().statusCode();
            if (status != 400) {
                invalid.add(query[0] + "=" + query[1] + " → " + status);
            }
        }
        assertTrue(invalid.isEmpty(), invalid.toString());
        given().auth().oauth2(token(partner)).queryParam("cursor", "garbage").get("/test-only/groups/g-c/item-batches")
                .then().statusCode(400);
    }
}
