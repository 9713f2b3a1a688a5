package id.perisai.api.batch.intake;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import id.perisai.api.batch.BatchDefinitions;
import id.perisai.api.batch.queue.BatchRepository;
import id.perisai.api.common.config.PerisaiConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Removes batches left STAGING by a replica that died while writing them (kill -9, lost node): once their lease has
 * expired by a grace period, any replica deletes them with everything staged for them. They were never accepted — no
 * 202 was sent, no quota consumed, the Idempotency-Key claim expires by itself — so the partner's retry starts afresh.
 */
@ApplicationScoped
public class StagingJanitor {

    private static final Logger LOG = Logger.getLogger(StagingJanitor.class);
    static final int PER_RUN = 100;

    private final BatchRepository batches;
    private final BatchDefinitions definitions;
    private final PerisaiConfig.BatchConfig config;

    public StagingJanitor(BatchRepository batches, BatchDefinitions definitions, PerisaiConfig config) {
        this.batches = batches;
        this.definitions = definitions;
        this.config = config.batch();
    }

    @Scheduled(every = "${perisai.batch.staging-sweep-interval}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return sweepNow().replaceWithVoid();
    }

    /** Removes the abandoned STAGING batches now; returns how many. */
    public Uni<Integer> sweepNow() {
        return batches.abandoned(config.lease(), PER_RUN).flatMap(found -> Multi.createFrom().iterable(found)
                .onItem().transformToUniAndConcatenate(b -> batches.discard(definitions.kind(b.kind()), b.id()))
                .collect().asList().map(done -> {
                    if (!found.isEmpty()) {
                        LOG.infof("Removed %d batches left STAGING by a replica that is gone", found.size());
                    }
                    return found.size();
                }));
    }
}
