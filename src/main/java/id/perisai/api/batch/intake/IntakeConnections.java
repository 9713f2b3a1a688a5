package id.perisai.api.batch.intake;

import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.config.PerisaiConfig;

/**
 * The share of the connection pool that accepting uploads may use at once ({@code PERISAI_BATCH_INTAKE_CONNECTIONS}):
 * however many uploads finish together, the rest of the pool stays free for reads, the token endpoint, health checks
 * and the batch workers. Waiting for a permit happens on the accepting worker thread, after the body has arrived.
 */
@ApplicationScoped
public class IntakeConnections {

    private final Semaphore permits;
    private final int size;

    public IntakeConnections(PerisaiConfig config) {
        this.size = config.batch().intakeConnections();
        if (size < 1) {
            throw new IllegalStateException("PERISAI_BATCH_INTAKE_CONNECTIONS must be at least 1");
        }
        this.permits = new Semaphore(size, true);
    }

    /** Blocks until a connection of the intake's share is free. */
    void acquire() {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an intake connection", e);
        }
    }

    void release() {
        permits.release();
    }

    /** Permits in use (for tests and metrics). */
    public int inUse() {
        return size - permits.availablePermits();
    }
}
