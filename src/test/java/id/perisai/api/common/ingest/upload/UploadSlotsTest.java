package id.perisai.api.common.ingest.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.common.problem.ProblemException;

class UploadSlotsTest {

    /** A configuration whose upload settings allow {@code perPartner} uploads in flight. */
    static PerisaiConfig config(int perPartner) {
        PerisaiConfig.UploadConfig upload = (PerisaiConfig.UploadConfig) Proxy.newProxyInstance(
                UploadSlotsTest.class.getClassLoader(), new Class<?>[] { PerisaiConfig.UploadConfig.class },
                (p, m, a) -> m.getName().equals("maxInFlightPerPartner") ? perPartner : null);
        return (PerisaiConfig) Proxy.newProxyInstance(UploadSlotsTest.class.getClassLoader(),
                new Class<?>[] { PerisaiConfig.class }, (p, m, a) -> m.getName().equals("upload") ? upload : null);
    }

    @Test
    void aPartnerAtItsLimitIsRefusedWith429AndRetryAfterWhileOthersAreNot() {
        UploadSlots slots = new UploadSlots(config(4));
        List<UploadSlots.Slot> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(slots.acquire(7));
        }
        ProblemException refused = assertThrows(ProblemException.class, () -> slots.acquire(7));
        assertEquals(429, refused.type().status());
        assertEquals("too-many-uploads", refused.type().name());
        assertEquals("5", refused.headers().get("Retry-After"));
        slots.acquire(8).close(); // another partner is not affected
        held.get(0).close();
        held.get(0).close(); // closing twice gives back one slot only
        assertEquals(3, slots.inFlight(7));
        held.add(slots.acquire(7));
        assertThrows(ProblemException.class, () -> slots.acquire(7));
    }

    @Test
    void concurrentUploadsNeverGetMoreSlotsThanTheLimit() throws Exception {
        UploadSlots slots = new UploadSlots(config(3));
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger granted = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 32; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    slots.acquire(1);
                    granted.incrementAndGet();
                } catch (ProblemException | InterruptedException refused) {
                    // at the limit
                }
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(3, granted.get());
        assertEquals(3, slots.inFlight(1));
    }

    @Test
    void aLimitBelowOneIsRefusedAtStartUp() {
        assertThrows(IllegalStateException.class, () -> new UploadSlots(config(0)));
    }
}
