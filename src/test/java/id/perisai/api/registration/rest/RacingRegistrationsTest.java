package id.perisai.api.registration.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.Workers;
import io.quarkus.test.junit.QuarkusTest;

/**
 * rules.md §2: submissions racing on one NIK (same or different partners) yield exactly one ACCEPTED. Twelve batches
 * from three partners, each holding the same 40 new workers and 10 LAPSED ones in a different order, are submitted at
 * once and processed by concurrent workers.
 */
@QuarkusTest
class RacingRegistrationsTest {

    /** Unique records added to every other batch, taking it past PERISAI_BATCH_INLINE_RECORDS (100). */
    static final int PADDING = 60;

    @Test
    void concurrentBatchesWithOverlappingNiksAcceptEachNikExactlyOnce() throws Exception {
        List<String> partners = List.of(Fixtures.partner("RACEA"), Fixtures.partner("RACEB"), Fixtures.partner("RACEC"));
        List<Map<String, Object>> shared = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            shared.add(Workers.record("new-" + i));
        }
        List<Map<String, Object>> lapsed = new ArrayList<>();
        List<Map<String, Object>> imports = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, Object> r = Workers.record("lapsed-" + i);
            lapsed.add(r);
            imports.add(Map.of("nik", r.get("nik"), "status", "LAPSED", "registeredOn", "2022-05-01"));
        }
        given().auth().oauth2(Fixtures.adminToken()).contentType("application/json").body(Map.of("records", imports))
                .post("/v1/admin/registry/participants").then().statusCode(200);

        List<Callable<String[]>> submissions = new ArrayList<>();
        for (int b = 0; b < 12; b++) {
            String partner = partners.get(b % partners.size());
            List<Map<String, Object>> records = new ArrayList<>();
            records.addAll(shared);
            records.addAll(lapsed);
            if (b % 2 == 1) {
                // half the batches are too large to be processed within the request: workers race with requests
                for (int i = 0; i < PADDING; i++) {
                    records.add(Workers.record("pad-" + b + "-" + i));
                }
            }
            Collections.shuffle(records);
            List<Map<String, Object>> copy = records.stream().map(r -> (Map<String, Object>) new HashMap<>(r)).toList();
            submissions.add(() -> new String[] { partner, Batches.submitJson(partner, copy) });
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<String[]> batches = new ArrayList<>();
        try {
            for (Future<String[]> f : pool.invokeAll(submissions)) {
                batches.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, Integer> acceptedByRef = new HashMap<>();
        int duplicates = 0;
        for (String[] batch : batches) {
            Map<String, Object> done = Batches.awaitCompleted(batch[0], batch[1]);
            assertEquals("COMPLETED", done.get("status"));
            for (Map<String, Object> result : Batches.results(batch[0], batch[1])) {
                if ("ACCEPTED".equals(result.get("status"))) {
                    acceptedByRef.merge((String) result.get("externalRef"), 1, Integer::sum);
                } else {
                    assertEquals("DUPLICATE", result.get("status"), result.toString());
                    duplicates++;
                }
            }
        }
        assertEquals(50 + 6 * PADDING, acceptedByRef.size(), "every NIK accepted somewhere");
        acceptedByRef.forEach((ref, n) -> assertEquals(1, n, ref + " accepted " + n + " times"));
        assertEquals(12 * 50 - 50, duplicates);
        for (Map<String, Object> r : lapsed) {
            assertEquals(1, TestDb.count("select count(*) from participant where nik_masked = ? and status = 'ACTIVE'"
                    + " and source = 'REGISTRY' and partner_id is not null",
                    RegistrationBatchResourceTest.mask((String) r.get("nik"))),
                    "the LAPSED participant was reactivated once");
        }
    }
}
