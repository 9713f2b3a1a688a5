package id.perisai.api.agent.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.Agents;
import id.perisai.api.support.Batches;
import id.perisai.api.support.Concurrently;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.MovableTime;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.TestTokens;
import id.perisai.api.support.Workers;
import io.quarkus.test.junit.QuarkusTest;

/** rules.md §5: three whole months without an acquisition make an agent INACTIVE, once, however often it runs. */
@QuarkusTest
class AgentInactivityJobTest {

    @Inject
    AgentInactivityJob job;

    static void activeSince(String agentCode, String timestamp) {
        TestDb.update("update agent set active_since = ?::timestamptz where agent_code = ?", timestamp, agentCode);
    }

    static String status(String partner, String agentCode) {
        return given().auth().oauth2(TestTokens.partner(partner, "agents:read").sign()).get("/v1/agents/{code}", agentCode)
                .then().statusCode(200).extract().path("status");
    }

    @Test
    void idleAgentsBecomeInactiveOnceEvenWhenTheCheckRunsTwiceAtOnce() throws Exception {
        MovableTime.installAtWib(LocalDateTime.of(2026, 11, 21, 0, 15));
        String partner = Fixtures.partner("IDLE");
        String idle = Agents.create(partner);
        String recent = Agents.create(partner);
        String acquiring = Agents.create(partner);
        // idle since before 2026-08: August, September and October passed without an acquisition
        activeSince(idle, "2026-07-31T23:00:00+07:00");
        // active only since mid-August: not yet three whole months
        activeSince(recent, "2026-08-15T10:00:00+07:00");
        // idle as long, but acquired a participant this month
        activeSince(acquiring, "2026-07-01T10:00:00+07:00");
        Agents.payOneMonth(partner, Agents.registerWorkers(partner, acquiring, 1), "2026-11", 28_400);

        List<String> changed = new ArrayList<>();
        Concurrently.atOnce(2, () -> job.run().await().indefinitely()).forEach(changed::addAll);
        assertEquals(1, changed.stream().filter(idle::equals).count(), changed.toString());
        assertTrue(!changed.contains(recent) && !changed.contains(acquiring), changed.toString());
        assertEquals("INACTIVE", status(partner, idle));
        assertEquals("ACTIVE", status(partner, recent));
        assertEquals("ACTIVE", status(partner, acquiring));
        assertEquals(1, TestDb.count("select count(*) from audit_log where action = 'AGENT_DEACTIVATED' and resource_id = ?",
                idle));
        assertTrue(job.run().await().indefinitely().isEmpty(), "a third run changes nothing");

        // an INACTIVE agent cannot be named on registrations
        Map<String, Object> worker = Workers.record("idle-agent");
        worker.put("agentCode", idle);
        String batchId = Batches.submitJson(partner, List.of(worker));
        Batches.awaitCompleted(partner, batchId);
        assertTrue(Batches.results(partner, batchId).get(0).get("errors").toString().contains("AGENT_INACTIVE"));

        // made ACTIVE again by the partner, the agent has three new whole months before the check applies again
        given().auth().oauth2(TestTokens.partner(partner, "agents:read", "agents:write").sign())
                .contentType("application/json").body(Map.of("status", "ACTIVE")).patch("/v1/agents/{code}", idle).then()
                .statusCode(200).body("status", equalTo("ACTIVE"));
        assertTrue(job.run().await().indefinitely().isEmpty());
        assertEquals("ACTIVE", status(partner, idle));
    }
}
