package id.perisai.api.participant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import id.perisai.api.support.Batches;
import id.perisai.api.support.Fixtures;
import id.perisai.api.support.TestDb;
import id.perisai.api.support.Workers;
import io.quarkus.test.junit.QuarkusTest;

/** Participant ids are UUIDs of version 7 (time-ordered, RFC 9562), so the registry's primary key grows at one end. */
@QuarkusTest
class ParticipantIdsTest {

    /** The 48-bit Unix-millisecond prefix of a version 7 UUID. */
    static long millis(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }

    @Test
    void uuidV7CarriesVersionVariantAndTheMillisecondOfItsMaking() {
        long before = System.currentTimeMillis();
        List<Map<String, Object>> rows = TestDb.query("select uuid_v7() as id from generate_series(1, 1000)");
        long after = System.currentTimeMillis();
        for (Map<String, Object> row : rows) {
            UUID id = (UUID) row.get("id");
            assertEquals(7, id.version(), id::toString);
            assertEquals(2, id.variant(), id::toString);
            assertTrue(millis(id) >= before - 1_000 && millis(id) <= after + 1_000, id::toString);
        }
        assertEquals(1000, rows.stream().map(r -> r.get("id")).distinct().count(), "random bits differ within a millisecond");
    }

    @Test
    void idsMadeLaterSortAfterEarlierOnes() throws InterruptedException {
        UUID first = (UUID) TestDb.query("select uuid_v7() as id").get(0).get("id");
        Thread.sleep(3);
        UUID second = (UUID) TestDb.query("select uuid_v7() as id").get(0).get("id");
        assertTrue(first.toString().compareTo(second.toString()) < 0, first + " then " + second);
    }

    @Test
    void registeredParticipantsGetTimeOrderedIds() {
        String partner = Fixtures.partner("IDS");
        String batch = Batches.submitJson(partner, Workers.records(3, "ids-"));
        Batches.awaitCompleted(partner, batch);
        List<Map<String, Object>> ids = TestDb.query("select id from participant where source_batch_id = ?::uuid",
                batch);
        assertEquals(3, ids.size());
        ids.forEach(row -> assertEquals(7, ((UUID) row.get("id")).version()));
    }
}
