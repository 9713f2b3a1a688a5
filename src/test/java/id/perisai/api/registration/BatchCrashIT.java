package id.perisai.api.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.support.Batches;
import id.perisai.api.support.PackagedApp;
import id.perisai.api.support.TestTokens;
import id.perisai.api.support.Workers;

/**
 * The 202 is a promise (api.md; quality.md R1): the packaged app is killed with SIGKILL while it processes a batch;
 * another instance started afterwards resumes it from its last committed chunk, and every record ends with exactly one
 * outcome and no participant is created twice.
 */
class BatchCrashIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final int RECORDS = 30_000;

    static Map<String, String> environment(int port) {
        Map<String, String> env = PackagedApp.environment(port);
        // small chunks and a short lease: the kill lands mid-batch and the takeover comes quickly
        env.put("PERISAI_BATCH_CHUNK_SIZE", "250");
        env.put("PERISAI_BATCH_LEASE", "PT3S");
        env.put("PERISAI_BATCH_WORKERS", "1");
        env.put("PERISAI_BATCH_POLL_INTERVAL", "PT0.2S");
        return env;
    }

    static long[] progress(String batchId) throws Exception {
        try (Connection c = DriverManager.getConnection(PackagedApp.DB_URL, "postgres", "");
                PreparedStatement s = c.prepareStatement("""
                        select b.status, b.processed_until, b.received,
                               (select count(*) from registration_result r where r.batch_id = b.id) as results
                          from batch b where b.id = ?::uuid""")) {
            s.setString(1, batchId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new long[] { "COMPLETED".equals(rs.getString(1)) ? 1 : 0, rs.getLong(2), rs.getLong(3), rs.getLong(4) };
            }
        }
    }

    static long count(String sql, String batchId) throws Exception {
        try (Connection c = DriverManager.getConnection(PackagedApp.DB_URL, "postgres", "");
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, batchId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void killedMidBatchTheNextInstanceFinishesItWithExactlyOneOutcomePerRecord() throws Exception {
        Map<String, String> env = environment(PackagedApp.freePort());
        String partner = "CRASH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        PackagedApp first = PackagedApp.start(env).awaitReady();
        String batchId;
        try {
            String admin = PackagedApp.token(TestTokens.admin()).sign();
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(first.url("/v1/admin/partners"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + partner + "\",\"name\":\"Crash test\","
                            + "\"type\":\"OTHER\",\"branchOffice\":\"Jakarta\",\"quota\":{\"registrationsPerDay\":1000000,"
                            + "\"contributionsPerDay\":1000,\"maxBatchRecords\":1000000,\"requestsPerMinute\":1000}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());

            List<Map<String, Object>> records = new ArrayList<>(Workers.records(RECORDS - 1, "r"));
            records.add(new java.util.HashMap<>(records.get(10)));
            String token = PackagedApp.token(TestTokens.partner(partner, "registrations:write", "registrations:read")).sign();
            HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(first.url("/v1/registration-batches"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(Batches.ndjson(records))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, accepted.statusCode(), accepted.body());
            batchId = new ObjectMapper().readTree(accepted.body()).get("batchId").asText();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (progress(batchId)[1] == 0) {
                assertTrue(System.nanoTime() < deadline, "processing never started");
                Thread.sleep(10);
            }
            first.kill();
        } finally {
            if (first.process().isAlive()) {
                first.kill();
            }
        }
        long[] atKill = progress(batchId);
        assertEquals(0, atKill[0], "killed before completion");
        assertTrue(atKill[3] > 0 && atKill[3] < RECORDS, "part of the records had outcomes: " + atKill[3]);

        PackagedApp second = PackagedApp.start(environment(PackagedApp.freePort())).awaitReady();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (progress(batchId)[0] == 0) {
                assertTrue(System.nanoTime() < deadline, "the batch was not resumed: " + second.output());
                Thread.sleep(200);
            }
        } finally {
            second.stop();
        }
        long[] done = progress(batchId);
        assertEquals(RECORDS, done[2]);
        assertEquals(RECORDS, done[3], "exactly one outcome per record");
        assertEquals(RECORDS, count("select count(distinct idx) from registration_result where batch_id = ?::uuid", batchId));
        assertEquals(RECORDS - 1, count("select count(*) from registration_result where batch_id = ?::uuid"
                + " and status = 'ACCEPTED'", batchId));
        assertEquals(1, count("select count(*) from registration_result where batch_id = ?::uuid and status = 'DUPLICATE'",
                batchId));
        assertEquals(RECORDS - 1, count("select count(*) from participant where source_batch_id = ?::uuid", batchId),
                "no participant created twice");
        assertEquals(RECORDS - 1, count("""
                select count(*) from registration_result r join participant p on p.id = r.participant_id
                 where r.batch_id = ?::uuid""", batchId), "every accepted record points at its participant");
        assertEquals(0, count("select count(*) from registration_input where batch_id = ?::uuid", batchId),
                "staged records are dropped once complete");
        String log = first.output() + second.output();
        assertFalse(Workers.issuedNiks().stream().anyMatch(log::contains), "no NIK in the service logs");
    }
}
