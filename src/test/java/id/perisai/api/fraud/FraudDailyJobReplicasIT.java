package id.perisai.api.fraud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.support.DemoApp;
import id.perisai.api.support.DemoReplicas;
import id.perisai.api.support.PackagedApp;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.Workers;

/**
 * growth.md §4 "each exactly once even with several replicas", for the daily job: two replicas of the packaged app on
 * one database, each running the daily fraud check every two seconds (its cron, {@code PERISAI_FRAUD_DAILY_CRON}, is
 * configuration). The demo agent registers 50 workers in one WIB day, which is AGENT_VELOCITY; the signal raised at the
 * batch's completion is then deleted, so that only the daily runs of the two replicas — racing every two seconds — can
 * raise it again: it is raised once, and the replicas' logs together report one signal raised by a daily run.
 */
class FraudDailyJobReplicasIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String SCHEMA = "perisai_fraud_replicas";
    static final Pattern RAISED = Pattern.compile("daily fraud check raised (\\d+) signals");

    @Test
    void theDailyJobOnTwoReplicasRaisesEachSignalOnce() throws Exception {
        try (DemoReplicas replicas = DemoReplicas.start(SCHEMA, Map.of("PERISAI_FRAUD_DAILY_CRON", "0/2 * * * * ?"))) {
            PackagedApp a = replicas.a();
            PackagedApp b = replicas.b();
            String token = DemoApp.token(a, DemoApp.CLIENT_ID, DemoApp.CLIENT_SECRET);
            List<Map<String, Object>> records = Workers.records(50, "velocity-");
            records.forEach(r -> r.put("agentCode", DemoApp.AGENT));
            HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(a.url("/v1/registration-batches"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("records", records))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, accepted.statusCode(), accepted.body());

            // raised when the batch completes; forgotten, so that only the daily runs can raise it again
            awaitVelocitySignals(1);
            Thread.sleep(1_000); // a daily run that raised it first has logged so by now
            int before = raisedByDailyRuns(a, b);
            assertEquals(1, update("delete from fraud_signal where type = 'AGENT_VELOCITY' and agent_id = (select id"
                    + " from agent where agent_code = ?)", DemoApp.AGENT));
            awaitVelocitySignals(1);
            // both replicas keep running the job every two seconds: give them several races
            Thread.sleep(10_000);
            assertEquals(1, velocitySignals(), "one AGENT_VELOCITY signal of the demo agent, whichever replica raised it");
            assertEquals(1, raisedByDailyRuns(a, b) - before,
                    "the daily runs of both replicas together raised one signal after the first was forgotten");
            assertTrue(a.process().isAlive() && b.process().isAlive());
        }
    }

    /** The signals the daily runs of both replicas logged as raised. */
    static int raisedByDailyRuns(PackagedApp a, PackagedApp b) {
        int raised = 0;
        for (PackagedApp app : List.of(a, b)) {
            Matcher m = RAISED.matcher(app.output());
            while (m.find()) {
                raised += Integer.parseInt(m.group(1));
            }
        }
        return raised;
    }

    static void awaitVelocitySignals(long expected) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (velocitySignals() != expected) {
            assertTrue(System.nanoTime() < deadline, "no AGENT_VELOCITY signal of the demo agent within 60 s");
            Thread.sleep(200);
        }
    }

    static long velocitySignals() throws Exception {
        try (Connection c = connection();
                PreparedStatement s = c.prepareStatement("select count(*) from fraud_signal"
                        + " where type = 'AGENT_VELOCITY' and agent_id = (select id from agent where agent_code = ?)")) {
            s.setString(1, DemoApp.AGENT);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static int update(String sql, String parameter) throws Exception {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            return s.executeUpdate();
        }
    }

    static Connection connection() throws Exception {
        return DriverManager.getConnection(new PackagedApp.Database(5432, TestDb.DATABASE, SCHEMA).jdbcUrl(), "postgres",
                "");
    }
}
