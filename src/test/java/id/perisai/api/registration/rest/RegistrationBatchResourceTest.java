package id.perisai.api.registration.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.TestTokens;
import id.perisai.api.support.Workers;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RegistrationBatchResourceTest {

    static String partner;
    static String other;

    @BeforeEach
    void partners() {
        if (partner == null) {
            partner = Fixtures.partner("REG");
            other = Fixtures.partner("REGB");
        }
    }

    static long batchCount(String partnerCode) {
        return TestDb.count("select count(*) from batch b join partner p on p.id = b.partner_id where p.code = ?",
                partnerCode);
    }

    @Test
    void jsonBatchIsAcceptedProcessedAndReportedRecordByRecord() {
        Map<String, Object> bad = Workers.record("bad");
        bad.put("gender", "X");
        bad.put("monthlyIncome", 5);
        var records = List.of(Workers.record("a"), bad, Workers.record("c"));
        var response = Batches.submit(partner, "application/json", Batches.json(records), UUID.randomUUID().toString());
        assertEquals(202, response.statusCode(), response.asString());
        String batchId = response.path("batchId");
        assertTrue(response.header("Location").endsWith("/v1/registration-batches/" + batchId));
        // a batch this small is processed within the request (PERISAI_BATCH_INLINE_RECORDS): the 202 has the outcome
        assertEquals("COMPLETED", response.path("status"));
        assertEquals(Boolean.FALSE, response.path("dryRun"));
        assertEquals(3, (int) response.path("totals.received"));
        assertEquals(2, (int) response.path("totals.accepted"));
        assertEquals(1, (int) response.path("totals.rejected"));

        Map<String, Object> batch = Batches.awaitCompleted(partner, batchId);
        assertEquals(Map.of("received", 3, "accepted", 2, "duplicate", 0, "rejected", 1), batch.get("totals"));
        assertNotNull(batch.get("completedAt"));

        var results = Batches.results(partner, batchId);
        assertEquals(List.of(1, 2, 3), results.stream().map(r -> r.get("index")).toList());
        assertEquals(List.of("a", "bad", "c"), results.stream().map(r -> r.get("externalRef")).toList());
        assertEquals(List.of("ACCEPTED", "REJECTED", "ACCEPTED"), results.stream().map(r -> r.get("status")).toList());
        assertEquals(Boolean.TRUE, results.get(0).get("newParticipant"));
        assertNotNull(results.get(0).get("participantId"));
        assertNull(results.get(1).get("participantId"));
        @SuppressWarnings("unchecked")
        List<Map<String, String>> errors = (List<Map<String, String>>) results.get(1).get("errors");
        assertEquals(List.of("GENDER_INVALID", "INCOME_OUT_OF_RANGE"), errors.stream().map(e -> e.get("code")).toList());
        assertEquals(2, TestDb.count("select count(*) from participant where source_batch_id = ?::uuid", batchId));
    }

    @Test
    void ndjsonBatchIsAccepted() {
        var records = List.of(Workers.record("n1"), Workers.record("n2"));
        var response = Batches.submit(partner, "application/x-ndjson", Batches.ndjson(records), UUID.randomUUID().toString());
        assertEquals(202, response.statusCode(), response.asString());
        var batch = Batches.awaitCompleted(partner, response.path("batchId"));
        assertEquals(2, ((Map<?, ?>) batch.get("totals")).get("accepted"));
    }

    @Test
    void csvWithBomCrlfQuotedSeparatorsAndSemicolonsIsAccepted() {
        LocalDate birth = LocalDate.of(1985, 3, 14);
        String nik1 = Workers.nik(birth, "F");
        String nik2 = Workers.nik(birth, "M");
        String comma = "externalRef,nik,fullName,birthDate,gender,phone,occupation,monthlyIncome,programs,address\r\n"
                + "\"row,1\"," + nik1 + ",\"Siti Aminah\"," + birth + ",F,0812-3456-7890,OJEK,1500000,JKK|JKM|JHT,"
                + "\"Jl. \"\"Mawar\"\", No. 5\r\nRT 01/02\"\r\n"
                + "row-2;x," + nik2 + ",Budi," + birth + ",M,6281234567891,KURIR,1500000,JKK|JKM,\r\n";
        // U+FEFF is sent as the UTF-8 byte-order mark EF BB BF
        var response = Batches.submit(partner, "text/csv", "\uFEFF" + comma, UUID.randomUUID().toString());
        assertEquals(202, response.statusCode(), response.asString());
        var batch = Batches.awaitCompleted(partner, response.path("batchId"));
        assertEquals(Map.of("received", 2, "accepted", 2, "duplicate", 0, "rejected", 0), batch.get("totals"));
        var results = Batches.results(partner, response.path("batchId"));
        assertEquals("row,1", results.get(0).get("externalRef"));
        assertEquals("row-2;x", results.get(1).get("externalRef"));

        String nik3 = Workers.nik(birth, "M");
        String semicolons = "externalRef;nik;fullName;birthDate;gender;phone;occupation;monthlyIncome;programs;address\n"
                + "s1;" + nik3 + ";Budi Santoso;" + birth + ";M;081234567892;SOPIR;2000000;JKK|JKM;\"Jl. Raya; No. 3\"\n";
        var semi = Batches.submit(partner, "text/csv; charset=utf-8", semicolons, UUID.randomUUID().toString());
        assertEquals(202, semi.statusCode(), semi.asString());
        assertEquals(1, ((Map<?, ?>) Batches.awaitCompleted(partner, semi.path("batchId")).get("totals")).get("accepted"));
    }

    @Test
    void csvUnknownColumnRejectsEachRecordWithUnknownField() {
        LocalDate birth = LocalDate.of(1985, 3, 14);
        String csv = "nik,fullName,birthDate,gender,phone,occupation,monthlyIncome,programs,partnerId\n"
                + Workers.nik(birth, "M") + ",Budi," + birth + ",M,081234567890,OJEK,1500000,JKK|JKM,OTHER\n";
        var response = Batches.submit(partner, "text/csv", csv, UUID.randomUUID().toString());
        assertEquals(202, response.statusCode());
        Batches.awaitCompleted(partner, response.path("batchId"));
        var result = Batches.results(partner, response.path("batchId")).get(0);
        assertEquals("REJECTED", result.get("status"));
        assertTrue(result.get("errors").toString().contains("UNKNOWN_FIELD"));
    }

    @Test
    void duplicateNikInSameBatchIsReportedAtSecondIndexPointingToTheFirst() {
        var first = Workers.record("first");
        var again = new HashMap<>(first);
        again.put("externalRef", "again");
        String batchId = Batches.submitJson(partner, List.of(first, Workers.record("other"), again));
        Batches.awaitCompleted(partner, batchId);
        var results = Batches.results(partner, batchId);
        assertEquals("ACCEPTED", results.get(0).get("status"));
        assertEquals("DUPLICATE", results.get(2).get("status"));
        assertTrue(results.get(2).get("errors").toString().contains("DUPLICATE_IN_BATCH"));
        assertTrue(results.get(2).get("errors").toString().contains("record 1"));
    }

    @Test
    void alreadyRegisteredNikIsADuplicateForAnyPartnerAndDisclosesNothing() {
        var record = Workers.record("mine");
        Batches.awaitCompleted(partner, Batches.submitJson(partner, List.of(record)));
        String batchId = Batches.submitJson(other, List.of(record));
        Batches.awaitCompleted(other, batchId);
        var result = Batches.results(other, batchId).get(0);
        assertEquals("DUPLICATE", result.get("status"));
        assertTrue(result.get("errors").toString().contains("ALREADY_REGISTERED"));
        assertNull(result.get("participantId"));
        assertFalse(result.toString().contains(partner), "the other registration's partner is not disclosed");
    }

    @Test
    void lapsedParticipantIsReactivatedAndVoidOneIsADuplicate() {
        var lapsed = Workers.record("lapsed");
        var voided = Workers.record("void");
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json")
                .body(Map.of("records", List.of(
                        Map.of("nik", lapsed.get("nik"), "status", "LAPSED", "registeredOn", "2023-01-10"),
                        Map.of("nik", voided.get("nik"), "status", "ACTIVE", "registeredOn", "2023-01-10"))))
                .post("/v1/admin/registry/participants").then().statusCode(200).body("created", equalTo(2));
        TestDb.update(
                "update participant set status = 'VOID' where nik_masked = ? and source = 'REGISTRY' and status = 'ACTIVE'",
                mask((String) voided.get("nik")));
        String batchId = Batches.submitJson(partner, List.of(lapsed, voided));
        Batches.awaitCompleted(partner, batchId);
        var results = Batches.results(partner, batchId);
        assertEquals("ACCEPTED", results.get(0).get("status"));
        assertEquals(Boolean.FALSE, results.get(0).get("newParticipant"), "reactivated, not new");
        assertEquals("DUPLICATE", results.get(1).get("status"));
        var row = TestDb.query("select p.status, p.source, pa.code from participant p join partner pa on pa.id = p.partner_id"
                + " where p.id = ?::uuid", results.get(0).get("participantId")).get(0);
        assertEquals("ACTIVE", row.get("status"));
        assertEquals(partner, row.get("code"), "now managed by the reactivating partner");
    }

    @Test
    void dryRunValidatesAndDeduplicatesButStoresNoParticipant() {
        var known = Workers.record("known");
        Batches.awaitCompleted(partner, Batches.submitJson(partner, List.of(known)));
        var fresh = Workers.record("fresh");
        var response = given().auth().oauth2(Batches.token(partner)).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).queryParam("dryRun", "true")
                .body(Batches.json(List.of(fresh, known, fresh))).post("/v1/registration-batches").then()
                .statusCode(202).body("dryRun", equalTo(true)).extract();
        String batchId = response.path("batchId");
        Batches.awaitCompleted(partner, batchId);
        var results = Batches.results(partner, batchId);
        assertEquals(List.of("ACCEPTED", "DUPLICATE", "DUPLICATE"), results.stream().map(r -> r.get("status")).toList());
        assertEquals(Boolean.TRUE, results.get(0).get("newParticipant"));
        assertNull(results.get(0).get("participantId"));
        assertEquals(0, TestDb.count("select count(*) from participant where source_batch_id = ?::uuid", batchId));
        assertEquals(0, TestDb.count("select count(*) from participant where nik_masked = ? and source_batch_id is not null"
                + " and registered_at > now() - interval '1 minute' and full_name = ?", mask((String) fresh.get("nik")),
                fresh.get("fullName")) - countRealRegistrations(fresh));
        String real = Batches.submitJson(partner, List.of(fresh));
        Batches.awaitCompleted(partner, real);
        assertEquals("ACCEPTED", Batches.results(partner, real).get(0).get("status"));
    }

    private static long countRealRegistrations(Map<String, Object> record) {
        return TestDb
                .count("select count(*) from participant where nik_masked = ? and registered_at > now() - interval '1 minute'"
                        + " and full_name = ?", mask((String) record.get("nik")), record.get("fullName"));
    }

    @Test
    void replayWithTheSameKeyAndBodyReturnsTheFirstResponseAndStoresNothingTwice() {
        String key = UUID.randomUUID().toString();
        String body = Batches.json(List.of(Workers.record("idem")));
        long before = batchCount(partner);
        var first = Batches.submit(partner, "application/json", body, key);
        var second = Batches.submit(partner, "application/json", body, key);
        assertEquals(202, first.statusCode());
        assertEquals(202, second.statusCode());
        assertEquals(first.asString(), second.asString());
        assertEquals(first.header("Location"), second.header("Location"));
        assertNull(first.header("Idempotent-Replayed"));
        assertEquals("true", second.header("Idempotent-Replayed"));
        assertEquals(before + 1, batchCount(partner));
    }

    @Test
    void sameKeyWithAnotherBodyOrOptionIs422() {
        String key = UUID.randomUUID().toString();
        assertEquals(202,
                Batches.submit(partner, "application/json", Batches.json(List.of(Workers.record("x"))), key).statusCode());
        long before = batchCount(partner);
        var changed = Batches.submit(partner, "application/json", Batches.json(List.of(Workers.record("y"))), key);
        assertEquals(422, changed.statusCode());
        assertTrue(changed.<String> path("type").endsWith("/problems/idempotency-key-reused"));
        var dry = given().auth().oauth2(Batches.token(partner)).contentType("application/json").header("Idempotency-Key", key)
                .queryParam("dryRun", "true").body(Batches.json(List.of(Workers.record("x")))).post("/v1/registration-batches");
        assertEquals(422, dry.statusCode());
        assertEquals(before, batchCount(partner));
    }

    @Test
    void keysAreScopedPerPartner() {
        String key = UUID.randomUUID().toString();
        String body = Batches.json(List.of(Workers.record("p")));
        var mine = Batches.submit(partner, "application/json", body, key);
        var theirs = Batches.submit(other, "application/json", Batches.json(List.of(Workers.record("q"))), key);
        assertEquals(202, mine.statusCode());
        assertEquals(202, theirs.statusCode());
        assertFalse(mine.<String> path("batchId").equals(theirs.path("batchId")));
    }

    @Test
    void keyWhoseFirstRequestIsStillInFlightIs409() {
        String key = UUID.randomUUID().toString();
        long partnerId = (Long) TestDb.query("select id from partner where code = ?", partner).get(0).get("id");
        TestDb.update("insert into idempotency_key (partner_id, operation, idem_key, state, owner, locked_until, expires_at)"
                + " values (?, 'registration-batch', ?, 'IN_FLIGHT', gen_random_uuid(), now() + interval '1 minute',"
                + " now() + interval '1 day')", partnerId, key);
        var response = Batches.submit(partner, "application/json", Batches.json(List.of(Workers.record("f"))), key);
        assertEquals(409, response.statusCode());
        assertTrue(response.<String> path("type").endsWith("/problems/idempotency-key-in-flight"));
        TestDb.update("update idempotency_key set locked_until = now() - interval '1 second' where idem_key = ?", key);
        assertEquals(202, Batches.submit(partner, "application/json", Batches.json(List.of(Workers.record("g"))), key)
                .statusCode(), "a stale claim (its replica died) is taken over");
    }

    @Test
    void refusedRequestReleasesItsKeyForACorrectedRetry() {
        String key = UUID.randomUUID().toString();
        assertEquals(400, Batches.submit(partner, "application/json", "{\"records\":[{}", key).statusCode());
        assertEquals(202, Batches.submit(partner, "application/json", Batches.json(List.of(Workers.record("ok"))), key)
                .statusCode());
    }

    @Test
    void missingOrMalformedIdempotencyKeyIs400() {
        given().auth().oauth2(Batches.token(partner)).contentType("application/json")
                .body(Batches.json(List.of(Workers.record("k")))).post("/v1/registration-batches")
                .then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"))
                .body("errors[0].code", equalTo("REQUIRED"));
        given().auth().oauth2(Batches.token(partner)).contentType("application/json").header("Idempotency-Key", "has space")
                .body(Batches.json(List.of(Workers.record("k")))).post("/v1/registration-batches")
                .then().statusCode(400).body("errors[0].code", equalTo("INVALID_FORMAT"));
        given().auth().oauth2(Batches.token(partner)).contentType("application/json").header("Idempotency-Key", "x".repeat(256))
                .body(Batches.json(List.of(Workers.record("k")))).post("/v1/registration-batches")
                .then().statusCode(400);
    }

    @Test
    void unreadableBodiesAre400AndStoreNothing() {
        long batches = batchCount(partner);
        long participants = TestDb.count("select count(*) from participant");
        String valid = Batches.ndjson(List.of(Workers.record("v1"), Workers.record("v2")));
        for (String[] c : new String[][] {
                { "application/json", "{\"records\":" },
                { "application/json", "[]" },
                { "application/json", "{\"records\":[1]}" },
                { "application/json", "{\"records\":[], \"partnerId\":1}" },
                { "application/x-ndjson", valid + "{\"nik\":" },
                { "application/x-ndjson", valid + "[1,2]\n" },
                { "text/csv", "nik,fullName\n\"unterminated,x\n" },
                { "text/csv", "nik,fullName\n1,2,3\n" },
                { "text/csv", "" },
                { "application/json", "{\"records\":[]}" } }) {
            var response = Batches.submit(partner, c[0], c[1], UUID.randomUUID().toString());
            assertEquals(400, response.statusCode(), c[0] + " " + c[1] + " → " + response.asString());
            assertEquals("application/problem+json", response.contentType());
        }
        byte[] invalidUtf8 = concat(Batches.ndjson(List.of(Workers.record("u"))).getBytes(StandardCharsets.UTF_8),
                new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n' });
        assertEquals(400,
                Batches.submit(partner, "application/x-ndjson", invalidUtf8, UUID.randomUUID().toString()).statusCode());
        assertEquals(batches, batchCount(partner));
        assertEquals(participants, TestDb.count("select count(*) from participant"));
    }

    @Test
    void otherContentTypesAre415AndBadOptionsAre400() {
        given().auth().oauth2(Batches.token(partner)).contentType("application/xml").header("Idempotency-Key", "k-415")
                .body("<records/>").post("/v1/registration-batches").then().statusCode(415)
                .contentType("application/problem+json");
        given().config(Batches.UTF8).auth().oauth2(Batches.token(partner)).contentType("text/csv; charset=ISO-8859-1")
                .header("Idempotency-Key",
                        "k-415-2")
                .body("a\n1\n").post("/v1/registration-batches").then().statusCode(415);
        given().auth().oauth2(Batches.token(partner)).contentType("application/json").header("Idempotency-Key", "k-dry")
                .queryParam("dryRun", "maybe").body(Batches.json(List.of(Workers.record("d"))))
                .post("/v1/registration-batches").then().statusCode(400).body("errors[0].field", equalTo("dryRun"));
    }

    @Test
    void batchesAndTheirRecordsAreInvisibleToOtherPartners() {
        String batchId = Batches.submitJson(partner, List.of(Workers.record("iso")));
        Batches.awaitCompleted(partner, batchId);
        given().auth().oauth2(Batches.token(other)).get("/v1/registration-batches/{id}", batchId).then().statusCode(404);
        given().auth().oauth2(Batches.token(other)).get("/v1/registration-batches/{id}/records", batchId).then()
                .statusCode(404);
        given().auth().oauth2(Batches.token(other)).accept("text/csv").get("/v1/registration-batches/{id}/records", batchId)
                .then().statusCode(404);
        List<String> theirs = given().auth().oauth2(Batches.token(other)).queryParam("limit", 500)
                .get("/v1/registration-batches").then().statusCode(200).extract().path("items.batchId");
        assertFalse(theirs.contains(batchId));
        given().auth().oauth2(Batches.token(partner)).get("/v1/registration-batches/not-a-uuid").then().statusCode(404);
    }

    @Test
    void listIsNewestFirstAndPaged() {
        String older = Batches.submitJson(other, List.of(Workers.record("o")));
        String newer = Batches.submitJson(other, List.of(Workers.record("n")));
        var page = given().auth().oauth2(Batches.token(other)).queryParam("limit", 1).get("/v1/registration-batches").then()
                .statusCode(200).extract();
        assertEquals(newer, page.path("items[0].batchId"));
        String cursor = page.path("nextCursor");
        assertNotNull(cursor);
        List<String> next = given().auth().oauth2(Batches.token(other)).queryParam("limit", 500).queryParam("cursor", cursor)
                .get("/v1/registration-batches").then().statusCode(200).extract().path("items.batchId");
        assertTrue(next.contains(older));
        assertFalse(next.contains(newer));
    }

    @Test
    void recordsCanBeFilteredPagedAndDownloadedAsCsv() {
        List<Map<String, Object>> records = new ArrayList<>(Workers.records(4, "ok-"));
        Map<String, Object> bad = Workers.record("=bad,ref");
        bad.put("phone", "123");
        records.add(1, bad);
        String batchId = Batches.submitJson(partner, records);
        Batches.awaitCompleted(partner, batchId);
        given().auth().oauth2(Batches.token(partner)).queryParam("status", "REJECTED")
                .get("/v1/registration-batches/{id}/records", batchId).then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].index", equalTo(2));
        var page = given().auth().oauth2(Batches.token(partner)).queryParam("limit", 2)
                .get("/v1/registration-batches/{id}/records", batchId).then().statusCode(200)
                .body("items.index", equalTo(List.of(1, 2))).extract();
        given().auth().oauth2(Batches.token(partner)).queryParam("limit", 2)
                .queryParam("cursor", (String) page.path("nextCursor"))
                .get("/v1/registration-batches/{id}/records", batchId).then().statusCode(200)
                .body("items.index", equalTo(List.of(3, 4)));
        given().auth().oauth2(Batches.token(partner)).queryParam("status", "LOST")
                .get("/v1/registration-batches/{id}/records", batchId).then().statusCode(400);
        String csv = given().auth().oauth2(Batches.token(partner)).accept("text/csv")
                .get("/v1/registration-batches/{id}/records", batchId).then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition", containsString("attachment"))
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("index,externalRef,status,participantId,newParticipant,errors", lines[0]);
        assertEquals(6, lines.length);
        assertTrue(lines[2].startsWith("2,\"'=bad,ref\",REJECTED,,,phone:PHONE_INVALID"), lines[2]);
        assertTrue(lines[1].matches("1,ok-1,ACCEPTED,[0-9a-f-]{36},true,"), lines[1]);
        String rejectedOnly = given().auth().oauth2(Batches.token(partner)).accept("text/csv").queryParam("status", "REJECTED")
                .get("/v1/registration-batches/{id}/records", batchId).then().statusCode(200).extract().asString();
        assertEquals(2, rejectedOnly.split("\r\n").length);
    }

    @Test
    void agentsOfOtherPartnersOrInactiveOnesCannotBeNamed() {
        long partnerId = (Long) TestDb.query("select id from partner where code = ?", other).get(0).get("id");
        var agentRow = AgentsForTests.insertAgent(partnerId, "ACTIVE");
        var inactive = AgentsForTests.insertAgent(
                (Long) TestDb.query("select id from partner where code = ?", partner).get(0).get("id"), "INACTIVE");
        var foreign = Workers.record("foreign-agent");
        foreign.put("agentCode", agentRow);
        var sleeping = Workers.record("inactive-agent");
        sleeping.put("agentCode", inactive);
        String batchId = Batches.submitJson(partner, List.of(foreign, sleeping));
        Batches.awaitCompleted(partner, batchId);
        var results = Batches.results(partner, batchId);
        assertTrue(results.get(0).get("errors").toString().contains("AGENT_NOT_FOUND"));
        assertTrue(results.get(1).get("errors").toString().contains("AGENT_INACTIVE"));
    }

    @Test
    void writeScopeIsNeededToSubmitAndReadScopeToRead() {
        given().auth().oauth2(TestTokens.partner(partner, "registrations:read").sign()).contentType("application/json")
                .header("Idempotency-Key", "scope-1").body(Batches.json(List.of(Workers.record("s"))))
                .post("/v1/registration-batches").then().statusCode(403);
        given().auth().oauth2(TestTokens.partner(partner, "registrations:write").sign()).get("/v1/registration-batches")
                .then().statusCode(403);
    }

    @Test
    void acceptanceIsAuditedWithoutPersonalData() {
        var record = Workers.record("audit");
        String batchId = Batches.submitJson(partner, List.of(record));
        var rows = TestDb.query("select * from audit_log where action = 'REGISTRATION_BATCH_ACCEPTED' and resource_id = ?",
                batchId);
        assertEquals(1, rows.size());
        assertEquals(partner, rows.get(0).get("partner_code"));
        assertFalse(String.valueOf(rows.get(0).get("details")).contains((String) record.get("nik")));
        given().auth().oauth2(Batches.token(partner)).get("/v1/registration-batches/{id}", batchId).then()
                .body("batchId", endsWith(batchId.substring(30)));
    }

    @Test
    void metricsCountRecordsByOutcomeAndErrorCodeAndBatchesByStatus() {
        Map<String, Object> bad = Workers.record("metrics-bad");
        bad.put("occupation", "ASTRONAUT");
        Batches.awaitCompleted(partner, Batches.submitJson(partner, List.of(Workers.record("metrics-ok"), bad)));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(
                metrics.contains("perisai_batch_records_total{dry_run=\"false\",kind=\"registration\",outcome=\"ACCEPTED\"}"),
                metrics);
        assertTrue(
                metrics.contains("perisai_batch_records_total{dry_run=\"false\",kind=\"registration\",outcome=\"REJECTED\"}"));
        assertTrue(metrics.contains("perisai_batch_record_errors_total{code=\"OCCUPATION_INVALID\",kind=\"registration\"}"));
        assertTrue(metrics.contains("perisai_batches_total{kind=\"registration\",status=\"COMPLETED\"}"));
        assertTrue(metrics.contains("perisai_batches_open{kind=\"registration\",status=\"PROCESSING\"}"));
    }

    static String mask(String nik) {
        return nik.substring(0, 4) + "**********" + nik.substring(12);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
