package id.perisai.api.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.Batches;
import id.perisai.api.support.PackagedApp;
import id.perisai.api.support.PackagedBatches;
import id.perisai.api.support.PackagedBatches.Progress;
import id.perisai.api.support.Workers;

/**
 * The 202 is a promise (api.md; quality.md R1): the packaged app is killed with SIGKILL while it processes a
 * 100,000-record batch; another instance started afterwards resumes it from its last committed chunk, and every record
 * ends with exactly one outcome and no participant is created twice.
 */
class BatchCrashIT {

    static final int RECORDS = 100_000;

    static Map<String, String> environment(int port) {
        Map<String, String> env = PackagedApp.environment(port);
        // small chunks and a short lease: the kill lands mid-batch and the takeover comes quickly
        env.put("PERISAI_BATCH_CHUNK_SIZE", "1000");
        env.put("PERISAI_BATCH_LEASE", "PT3S");
        env.put("PERISAI_BATCH_WORKERS", "1");
        env.put("PERISAI_BATCH_POLL_INTERVAL", "PT0.2S");
        return env;
    }

    @Test
    void killedMidBatchTheNextInstanceFinishesItWithExactlyOneOutcomePerRecord() throws Exception {
        PackagedApp first = PackagedApp.start(environment(PackagedApp.freePort())).awaitReady();
        String batchId;
        try {
            String token = PackagedBatches.partner(first, "CRASH");
            List<Map<String, Object>> records = new ArrayList<>(Workers.records(RECORDS - 1, "r"));
            records.add(new HashMap<>(records.get(10)));
            batchId = PackagedBatches.submit(first, token, HttpRequest.BodyPublishers.ofString(Batches.ndjson(records)));
            PackagedBatches.awaitProcessing(batchId);
            first.kill();
        } finally {
            if (first.process().isAlive()) {
                first.kill();
            }
        }
        Progress atKill = PackagedBatches.progress(batchId);
        assertFalse(atKill.completed(), "killed before completion");
        assertTrue(atKill.results() > 0 && atKill.results() < RECORDS, "part of the records had outcomes: " + atKill);

        PackagedApp second = PackagedApp.start(environment(PackagedApp.freePort())).awaitReady();
        try {
            PackagedBatches.awaitCompleted(batchId, second, 180);
        } finally {
            second.stop();
        }
        // one record repeats another: DUPLICATE_IN_BATCH, settled when the batch was received
        PackagedBatches.assertExactlyOnce(batchId, RECORDS, RECORDS - 1);
        assertEquals(1, PackagedBatches.count("select count(*) from registration_result where batch_id = ?::uuid"
                + " and status = 'DUPLICATE'", batchId));
        String log = first.output() + second.output();
        assertFalse(Workers.issuedNiks().stream().anyMatch(log::contains), "no NIK in the service logs");
    }
}
