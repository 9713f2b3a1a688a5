package id.perisai.api.security.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * The token endpoint's throttle with a clock the test moves: who gets refused, for how long, and that nobody is
 * refused for failures from elsewhere. No timing is measured.
 */
class TokenThrottleTest {

    static final Duration MINUTE = Duration.ofMinutes(1);
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-21T03:00:00Z"));

    TokenThrottle throttle(int perSource, int perClient, int tracked) {
        return new TokenThrottle(perSource, perClient, MINUTE, tracked, now::get);
    }

    void advance(Duration by) {
        now.set(now.get().plus(by));
    }

    @Test
    void aSourceIsRefusedAtItsLimitUntilItsWindowEnds() {
        TokenThrottle t = throttle(5, 100, 100);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, t.refusedForSeconds("203.0.113.9", "prc_guess" + i));
            t.failed("203.0.113.9", "prc_guess" + i);
        }
        assertEquals(60, t.refusedForSeconds("203.0.113.9", "prc_anything"));
        advance(Duration.ofSeconds(45));
        assertEquals(15, t.refusedForSeconds("203.0.113.9", "prc_anything"), "Retry-After counts down");
        advance(Duration.ofSeconds(15));
        assertEquals(0, t.refusedForSeconds("203.0.113.9", "prc_anything"), "a new window");
    }

    @Test
    void failuresFromElsewhereNeverRefuseAClientsOwnRequests() {
        TokenThrottle t = throttle(5, 3, 100);
        for (int i = 0; i < 300; i++) {
            t.failed("203.0.113." + (i % 50), "prc_legit"); // 50 attacking addresses, the legitimate client's id
        }
        assertEquals(0, t.refusedForSeconds("198.51.100.7", "prc_legit"));
        assertTrue(t.refusedForSeconds("203.0.113.1", "prc_legit") > 0);
    }

    @Test
    void aClientIdFailingFromOneAddressStopsThereBeforeItsNeighbours() {
        TokenThrottle t = throttle(30, 3, 100);
        for (int i = 0; i < 3; i++) {
            t.failed("192.0.2.10", "prc_stale");
        }
        assertTrue(t.refusedForSeconds("192.0.2.10", "prc_stale") > 0, "the misconfigured system");
        assertEquals(0, t.refusedForSeconds("192.0.2.10", "prc_neighbour"), "another system behind the same address");
        assertEquals(0, t.refusedForSeconds("198.51.100.7", "prc_stale"), "the same client elsewhere");
    }

    @Test
    void successForgivesTheClientsOwnFailuresNotTheAddresses() {
        TokenThrottle t = throttle(6, 3, 100);
        t.failed("192.0.2.10", "prc_typo");
        t.failed("192.0.2.10", "prc_typo");
        t.succeeded("192.0.2.10", "prc_typo");
        t.failed("192.0.2.10", "prc_typo");
        t.failed("192.0.2.10", "prc_typo");
        assertEquals(0, t.refusedForSeconds("192.0.2.10", "prc_typo"), "the pair counts afresh: 2 of 3");
        t.failed("192.0.2.10", "prc_other");
        t.failed("192.0.2.10", "prc_other");
        assertEquals(60, t.refusedForSeconds("192.0.2.10", "prc_typo"), "the address has its 6 failures");
    }

    @Test
    void memoryIsBoundedWhateverTheFlood() {
        FailureWindows windows = new FailureWindows(3, MINUTE, 1000, now::get);
        for (int i = 0; i < 100_000; i++) {
            windows.failed("source-" + i);
        }
        assertEquals(1000, windows.tracked());
        for (int i = 0; i < 3; i++) {
            windows.failed("the-attacker");
        }
        assertTrue(windows.refusedForSeconds("the-attacker") > 0, "the newest windows are kept");
        advance(MINUTE);
        windows.failed("later");
        assertEquals(1, windows.tracked(), "expired windows are dropped");
    }
}
