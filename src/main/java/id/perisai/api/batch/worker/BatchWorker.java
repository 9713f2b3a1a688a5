package id.perisai.api.batch.worker;

import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import id.perisai.api.batch.BatchDefinitions;
import id.perisai.api.batch.BatchMetrics;
import id.perisai.api.batch.queue.BatchRepository;
import id.perisai.api.batch.spi.BatchKind;
import id.perisai.api.batch.spi.BatchProcessor;
import id.perisai.api.batch.spi.BatchStatus;
import id.perisai.api.batch.spi.ChunkResult;
import id.perisai.api.batch.spi.ClaimedBatch;
import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.common.problem.SafeThrowables;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Processes accepted batches of every kind, with PostgreSQL as the queue: every replica runs a few worker threads that
 * claim the oldest unclaimed batch ({@code FOR UPDATE SKIP LOCKED}, with a lease) and hand it, chunk by chunk, to the
 * kind's {@link BatchProcessor} (from its {@link id.perisai.api.batch.spi.BatchDefinition}). A replica that dies leaves its
 * lease to expire and another (or the next start)
 * resumes from the last committed chunk; on SIGTERM the current chunk finishes and the batch is handed back at once.
 */
@ApplicationScoped
public class BatchWorker {

    private static final Logger LOG = Logger.getLogger(BatchWorker.class);

    private final BatchRepository batches;
    private final BatchMetrics metrics;
    private final PerisaiConfig.BatchConfig config;
    private final BatchDefinitions definitions;
    private final String owner;
    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicInteger busy = new AtomicInteger();
    private volatile boolean running;
    private ExecutorService threads;

    public BatchWorker(BatchRepository batches, BatchMetrics metrics, PerisaiConfig config,
            BatchDefinitions definitions) {
        this.batches = batches;
        this.metrics = metrics;
        this.config = config.batch();
        this.definitions = definitions;
        String host = host();
        // stored in batch.lease_owner / completed_by (varchar 255) with "/request" appended for inline processing
        this.owner = (host.length() > 200 ? host.substring(0, 200) : host) + "/" + UUID.randomUUID();
    }

    void start(@Observes StartupEvent event) {
        if (!config.workersEnabled()) {
            LOG.info("Batch workers disabled on this replica");
            return;
        }
        running = true;
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newFixedThreadPool(config.workers(), r -> {
            Thread t = new Thread(r, "batch-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < config.workers(); i++) {
            threads.submit(this::loop);
        }
        LOG.infof("%d batch workers started (lease %s, chunk %d records)", config.workers(), config.lease(),
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

    /** This replica's name as a lease owner (host/random id). */
    public String owner() {
        return owner;
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
                ClaimedBatch batch = batches.claim(owner, config.lease(), definitions::kind).await().indefinitely();
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

    void process(ClaimedBatch batch) {
        BatchKind kind = batch.kind();
        BatchProcessor processor = definitions.of(kind.name()).processor();
        if (batch.attempts() > config.maxAttempts()) {
            if (processor.fail(batch, owner, "gave up after " + config.maxAttempts() + " attempts")) {
                LOG.errorf("%s %s FAILED after %d attempts", kind.label(), batch.id(), config.maxAttempts());
                metrics.batch(kind, BatchStatus.FAILED);
            }
            return;
        }
        long started = System.nanoTime();
        try {
            while (true) {
                if (!running) {
                    batches.release(batch.id(), owner, Duration.ZERO).await().indefinitely();
                    LOG.infof("%s %s handed back on shutdown", kind.label(), batch.id());
                    return;
                }
                ChunkResult chunk = processor.processNext(batch, owner, config.chunkSize(), config.lease());
                if (chunk instanceof ChunkResult.LeaseLost) {
                    LOG.warnf("Lease on %s %s lost; another replica continues it", kind.label(), batch.id());
                    return;
                }
                if (chunk instanceof ChunkResult.Done) {
                    break;
                }
                if (chunk instanceof ChunkResult.Waiting) {
                    sleep(config.pollInterval());
                    continue;
                }
                metrics.processed(kind, batch.dryRun(), (ChunkResult.Processed) chunk);
            }
            if (batches.complete(batch, owner).await().indefinitely()) {
                metrics.batch(kind, BatchStatus.COMPLETED);
                LOG.infof("%s %s COMPLETED: %d staged records in %d ms", kind.label(), batch.id(), batch.staged(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        } catch (RuntimeException e) {
            LOG.warnf(SafeThrowables.sanitize(e), "Processing %s %s failed (attempt %d); it will be retried", kind.label(),
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
