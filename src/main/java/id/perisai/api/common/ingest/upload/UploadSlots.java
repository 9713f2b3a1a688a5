package id.perisai.api.common.ingest.upload;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.config.PerisaiConfig;

/**
 * Uploads in flight per partner on this replica ({@code PERISAI_UPLOAD_MAX_IN_FLIGHT_PER_PARTNER}): a partner at its
 * limit gets 429 {@code too-many-uploads} before its body is read. What it bounds is this replica's own resources (spool
 * files, the body being parsed), so it is counted here, not across replicas.
 */
@ApplicationScoped
public class UploadSlots {

    private final int perPartner;
    private final ConcurrentHashMap<Long, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public UploadSlots(PerisaiConfig config) {
        this.perPartner = config.upload().maxInFlightPerPartner();
        if (perPartner < 1) {
            throw new IllegalStateException("PERISAI_UPLOAD_MAX_IN_FLIGHT_PER_PARTNER must be at least 1");
        }
    }

    /** Takes a slot for the partner's upload, or throws 429; release it with {@link Slot#close()}. */
    public Slot acquire(long partnerId) {
        AtomicInteger count = inFlight.computeIfAbsent(partnerId, id -> new AtomicInteger());
        while (true) {
            int n = count.get();
            if (n >= perPartner) {
                throw UploadProblems.tooMany(perPartner);
            }
            if (count.compareAndSet(n, n + 1)) {
                return new Slot(count);
            }
        }
    }

    /** Uploads of the partner in flight on this replica. */
    public int inFlight(long partnerId) {
        AtomicInteger count = inFlight.get(partnerId);
        return count == null ? 0 : count.get();
    }

    /** One upload's slot; closing it twice is harmless. */
    public static final class Slot implements AutoCloseable {
        private final AtomicInteger count;
        private boolean closed;

        Slot(AtomicInteger count) {
            this.count = count;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                count.decrementAndGet();
            }
        }
    }
}
