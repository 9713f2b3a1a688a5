package id.perisai.api.security.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Failures per key (a source address, a client id from an address) in a fixed window from the key's first failure:
 * at {@code limit} failures the key is refused until its window ends. Memory is bounded: at most {@code capacity} keys
 * are tracked, the oldest windows making room first (they are the next to expire anyway); expired ones are dropped as
 * they are met. Thread-safe; every operation is a map lookup.
 */
final class FailureWindows {

    private static final class Window {
        final Instant start;
        int failures;

        Window(Instant start) {
            this.start = start;
        }
    }

    private final int limit;
    private final Duration length;
    private final int capacity;
    private final Supplier<Instant> clock;
    /** Insertion order = order of the windows' starts: the eldest entry is the one that expires first. */
    private final LinkedHashMap<String, Window> windows;

    FailureWindows(int limit, Duration length, int capacity, Supplier<Instant> clock) {
        if (limit < 1 || capacity < 1 || length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("limit, window and capacity must be positive");
        }
        this.limit = limit;
        this.length = length;
        this.capacity = capacity;
        this.clock = clock;
        this.windows = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > FailureWindows.this.capacity;
            }
        };
    }

    /** Seconds until the key may try again (at least 1), or 0 when it is not refused. */
    synchronized long refusedForSeconds(String key) {
        Window window = current(key);
        if (window == null || window.failures < limit) {
            return 0;
        }
        long millis = Duration.between(clock.get(), window.start.plus(length)).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    synchronized void failed(String key) {
        Window window = current(key);
        if (window == null) {
            window = new Window(clock.get());
            windows.put(key, window);
            dropExpired();
        }
        window.failures++;
    }

    synchronized void clear(String key) {
        windows.remove(key);
    }

    synchronized int tracked() {
        return windows.size();
    }

    private Window current(String key) {
        Window window = windows.get(key);
        if (window != null && !clock.get().isBefore(window.start.plus(length))) {
            windows.remove(key);
            return null;
        }
        return window;
    }

    /** Drops expired windows from the old end; stops at the first live one (those after it are younger). */
    private void dropExpired() {
        Instant now = clock.get();
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext();) {
            if (now.isBefore(it.next().start.plus(length))) {
                return;
            }
            it.remove();
        }
    }
}
