package id.perisai.api.registration.service;

import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.common.problem.SafeThrowables;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.registration.repository.RegistrationBatchRepository;
import id.perisai.api.registration.repository.RegistrationBatchRepository.ChunkOutcome;
import id.perisai.api.registration.repository.RegistrationBatchRepository.Claimed;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Processes accepted registration batches, with PostgreSQL as the queue: every replica runs a few worker threads that
 * claim the oldest unclaimed batch ({@code FOR UPDATE SKIP LOCKED}, with a lease) and process it chunk by chunk (see
 * {@link RegistrationBatchRepository}). A replica that dies leaves its lease to expire and another (or the next start)
 * resumes from the last committed chunk; on SIGTERM the current chunk finishes and the batch is handed back at once.
 */
@ApplicationScoped
public class RegistrationBatchWorker {

    private static final Logger LOG = Logger.getLogger(RegistrationBatchWorker.class);

    private final RegistrationBatchRepository batches;
    private final RegistrationMetrics metrics;
    private final PerisaiConfig.BatchConfig config;
    private final String owner;
    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicInteger busy = new AtomicInteger();
    private volatile boolean running;
    private ExecutorService threads;

    public RegistrationBatchWorker(RegistrationBatchRepository batches, RegistrationMetrics metrics, PerisaiConfig config) {
        this.batches = batches;
        this.metrics = metrics;
        this.config = config.batch();
        this.owner = host() + "/" + UUID.randomUUID();
    }

    void start(@Observes StartupEvent event) {
        if (!config.workersEnabled()) {
            LOG.info("Batch workers disabled on this replica");
            return;
        }
        running = true;
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newFixedThreadPool(config.workers(), r -> {
            Thread t = new Thread(r, "registration-batch-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < config.workers(); i++) {
            threads.submit(this::loop);
        }
        LOG.infof("%d registration batch workers started (lease %s, chunk %d records)", config.workers(), config.lease(),
                config.chunkSize());
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (threads != null) {
            wakeUps.release(config.workers());
            threads.shutdown();
            try {
                if (!threads.awaitTermination(20, TimeUnit.SECONDS)) {
                    threads.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A batch was accepted on this replica: start on it now rather than at the next poll. */
    public void wake() {
        if (running && busy.get() < config.workers()) {
            wakeUps.release();
        }
    }

    private void loop() {
        while (running) {
            try {
                Claimed batch = batches.claim(owner, config.lease()).await().indefinitely();
                if (batch == null) {
                    wakeUps.drainPermits();
                    wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                busy.incrementAndGet();
                try {
                    process(batch);
                } finally {
                    busy.decrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf(SafeThrowables.sanitize(e), "Batch worker failure; retrying");
                sleep(config.pollInterval());
            }
        }
    }

    void process(Claimed batch) {
        if (batch.attempts() > config.maxAttempts()) {
            if (batches.fail(batch.id(), owner, "gave up after " + config.maxAttempts() + " attempts").await()
                    .indefinitely()) {
                LOG.errorf("Registration batch %s FAILED after %d attempts", batch.id(), config.maxAttempts());
                metrics.batch("FAILED");
            }
            return;
        }
        LocalDate registrationMonth = batch.submittedAt().atZone(TimeSource.WIB).toLocalDate().withDayOfMonth(1);
        long started = System.nanoTime();
        try {
            while (true) {
                if (!running) {
                    batches.release(batch.id(), owner, Duration.ZERO).await().indefinitely();
                    LOG.infof("Registration batch %s handed back on shutdown", batch.id());
                    return;
                }
                ChunkOutcome chunk = batches.processChunk(batch, owner, config.chunkSize(), registrationMonth,
                        config.lease()).await().indefinitely();
                if (chunk == null) {
                    LOG.warnf("Lease on registration batch %s lost; another replica continues it", batch.id());
                    return;
                }
                if (chunk.records() == 0) {
                    break;
                }
                metrics.records("ACCEPTED", batch.dryRun(), chunk.accepted());
                metrics.records("DUPLICATE", batch.dryRun(), chunk.duplicate());
                metrics.error("DUPLICATE_IN_BATCH", chunk.duplicateInBatch());
                metrics.error("ALREADY_REGISTERED", chunk.alreadyRegistered());
            }
            if (batches.complete(batch.id(), owner).await().indefinitely()) {
                metrics.batch("COMPLETED");
                LOG.infof("Registration batch %s COMPLETED: %d staged records in %d ms", batch.id(), batch.staged(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        } catch (RuntimeException e) {
            LOG.warnf(SafeThrowables.sanitize(e), "Processing registration batch %s failed (attempt %d); it will be retried",
                    batch.id(), batch.attempts());
            try {
                batches.release(batch.id(), owner, config.pollInterval().multipliedBy(batch.attempts())).await()
                        .indefinitely();
            } catch (RuntimeException releaseFailure) {
                // the lease expires by itself
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}
