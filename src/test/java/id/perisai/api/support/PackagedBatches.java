package id.perisai.api.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Registration batches against a {@link PackagedApp}, for the fault tests (quality.md R1, R2, R6): a partner to submit
 * as, the batch's progress read straight from the database, and the exactly-once checks every fault test ends with.
 */
public final class PackagedBatches {

    public static final HttpClient HTTP = HttpClient.newHttpClient();

    /** What the database says about a batch. */
    public record Progress(String status, long accepted, long received, long results, boolean leaseHeld) {
        public boolean completed() {
            return "COMPLETED".equals(status);
        }
    }

    private PackagedBatches() {
    }

    /** Creates a partner with room for large batches; returns a registrations token for it. */
    public static String partner(PackagedApp app, String prefix) throws Exception {
        return token(createPartner(app, prefix, 10_000_000, 1_000_000));
    }

    /** Creates a partner with the given registration quotas (ample request rate); returns its code. */
    public static String createPartner(PackagedApp app, String prefix, long registrationsPerDay, int maxBatchRecords)
            throws Exception {
        String code = prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String admin = PackagedApp.token(TestTokens.admin()).sign();
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(app.url("/v1/admin/partners"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\",\"name\":\"Packaged-app test\","
                        + "\"type\":\"OTHER\",\"branchOffice\":\"Jakarta\",\"quota\":{\"registrationsPerDay\":"
                        + registrationsPerDay + ",\"contributionsPerDay\":1000,\"maxBatchRecords\":" + maxBatchRecords
                        + ",\"requestsPerMinute\":100000}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        return code;
    }

    /** A registrations token of the partner, for the packaged app. */
    public static String token(String partnerCode) {
        return PackagedApp.token(TestTokens.partner(partnerCode, "registrations:write", "registrations:read")).sign();
    }

    /** Submits an NDJSON batch; returns its id after asserting the 202. */
    public static String submit(PackagedApp app, String token, HttpRequest.BodyPublisher body) throws Exception {
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(app.url("/v1/registration-batches"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .header("Idempotency-Key", UUID.randomUUID().toString()).POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        return new ObjectMapper().readTree(accepted.body()).get("batchId").asText();
    }

    public static Progress progress(String batchId) throws SQLException {
        return progress(PackagedApp.DATABASE, batchId);
    }

    public static Progress progress(PackagedApp.Database db, String batchId) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "");
                PreparedStatement s = c.prepareStatement("""
                        select b.status, b.accepted, b.received,
                               (select count(*) from registration_result r where r.batch_id = b.id) as results,
                               b.lease_until is not null and b.lease_until > now() as lease_held
                          from batch b where b.id = ?::uuid""")) {
            s.setString(1, batchId);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "no batch " + batchId);
                return new Progress(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5));
            }
        }
    }

    public static long count(String sql, String batchId) throws SQLException {
        return count(PackagedApp.DATABASE, sql, batchId);
    }

    public static long count(PackagedApp.Database db, String sql, String batchId) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "");
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, batchId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Waits until some records of the batch have their outcome (processing is under way). */
    public static void awaitProcessing(String batchId) throws Exception {
        awaitProcessing(PackagedApp.DATABASE, batchId);
    }

    public static void awaitProcessing(PackagedApp.Database db, String batchId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (progress(db, batchId).results() == 0) {
            assertTrue(System.nanoTime() < deadline, "processing never started");
            Thread.sleep(10);
        }
    }

    public static void awaitCompleted(String batchId, PackagedApp app, int seconds) throws Exception {
        awaitCompleted(PackagedApp.DATABASE, batchId, app, seconds);
    }

    public static void awaitCompleted(PackagedApp.Database db, String batchId, PackagedApp app, int seconds)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!progress(db, batchId).completed()) {
            assertTrue(System.nanoTime() < deadline, () -> "the batch did not complete: " + app.output());
            Thread.sleep(200);
        }
    }

    /**
     * Every record has exactly one outcome, each accepted record its one participant, no participant was created
     * twice and nothing staged is left.
     */
    public static void assertExactlyOnce(String batchId, int records, int accepted) throws SQLException {
        assertExactlyOnce(PackagedApp.DATABASE, batchId, records, accepted);
    }

    public static void assertExactlyOnce(PackagedApp.Database db, String batchId, int records, int accepted)
            throws SQLException {
        Progress done = progress(db, batchId);
        assertEquals("COMPLETED", done.status());
        assertEquals(records, done.received());
        assertEquals(records, done.results(), "exactly one outcome per record");
        assertEquals(records, count(db, "select count(distinct idx) from registration_result where batch_id = ?::uuid",
                batchId));
        assertEquals(accepted, count(db, "select count(*) from registration_result where batch_id = ?::uuid"
                + " and status = 'ACCEPTED'", batchId));
        assertEquals(accepted, count(db, "select count(*) from participant where source_batch_id = ?::uuid", batchId),
                "no participant created twice");
        assertEquals(accepted, count(db, """
                select count(*) from registration_result r join participant p on p.id = r.participant_id
                 where r.batch_id = ?::uuid""", batchId), "every accepted record points at its participant");
        assertEquals(0, count(db, "select count(*) from registration_chunk where batch_id = ?::uuid", batchId),
                "staged chunks are dropped once processed");
    }
}
