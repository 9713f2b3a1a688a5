package id.perisai.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.Workers;
import io.quarkus.test.junit.QuarkusTest;

/**
 * quality.md S3: a database dump and the service log of the whole test run contain no NIK in plaintext (nor, in the
 * log, phones or names). Runs after every other test class, so it scans everything they stored and logged.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE - 1)
class PersonalDataAtRestTest {

    static String dump() throws IOException, InterruptedException {
        Process pgDump = new ProcessBuilder("pg_dump", "-h", "127.0.0.1", "-U", "postgres", "--data-only", "-n", "perisai_test",
                TestDb.DATABASE).redirectErrorStream(true).start();
        byte[] out = pgDump.getInputStream().readAllBytes();
        assertTrue(pgDump.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, pgDump.exitValue(), new String(out, StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void databaseDumpHoldsNoPlaintextNik() throws Exception {
        var record = Workers.record("at-rest");
        String batchId = Batches.submitJson(Fixtures.partner("PII"), List.of(record));
        String nik = (String) record.get("nik");
        String dump = dump();
        assertTrue(dump.contains(batchId), "the dump has the data of this run");
        assertTrue(dump.contains(nik.substring(0, 4) + "**********" + nik.substring(12)), "only the masked form");
        assumeTrue(Workers.issuedNiks().size() > 100, "meaningful only after the rest of the suite (it runs last)");
        for (String issued : Workers.issuedNiks()) {
            assertFalse(dump.contains(issued), "plaintext NIK in the database dump");
        }
    }

    @Test
    void serviceLogHoldsNoNikPhoneOrName() throws Exception {
        String log = Files.readString(Path.of("target/quarkus-test.log"));
        assertTrue(log.contains("Registration batch"), "the log covers the batch processing of this run");
        for (String issued : Workers.issuedNiks()) {
            assertFalse(log.contains(issued), "plaintext NIK in the log");
        }
        for (String phone : Workers.issuedPhones()) {
            assertFalse(log.contains(phone) || log.contains("+62" + phone.substring(1)), "phone number in the log");
        }
        assertFalse(log.contains("Siti Aminah") || log.contains("Budi Santoso"), "name in the log");
    }
}
