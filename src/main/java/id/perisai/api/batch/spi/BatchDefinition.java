package id.perisai.api.batch.spi;

import java.time.Instant;
import java.time.LocalDate;

import id.perisai.api.security.Caller;

/**
 * A kind of batch: the one bean a capability contributes to plug a bulk operation into the batch engine. It names the
 * kind, validates and stages its records while a batch is received, processes them afterwards, and says how its
 * outcomes are shown; the engine does everything else once — receiving uploads, Idempotency-Key, quota, leases, the
 * queue, reading batches and results (JSON, CSV, paging), metrics.
 *
 * @param <P> a record prepared by the kind's stager
 * @param <R> the kind's per-record result, as partners receive it
 */
public interface BatchDefinition<P, R extends KindResult> {

    BatchKind kind();

    /**
     * A stager for one batch; loads what validation needs up front (e.g. the partner's agents). May refuse the
     * submission with a domain exception (e.g. 404 for a parent the partner does not have).
     */
    Stager<P> stager(Submission submission);

    BatchProcessor processor();

    ResultView<R> results();

    /**
     * Whether the caller may see and submit batches under this parent (a kind without parents is never asked). A
     * parent that does not exist or belongs to another partner is a 404 either way.
     */
    default io.smallrye.mutiny.Uni<Void> requireParent(Caller caller, String parent) {
        return io.smallrye.mutiny.Uni.createFrom().voidItem();
    }

    /** One submission as the stager sees it. */
    record Submission(Caller caller, String parent, boolean dryRun, Instant submittedAt, LocalDate today) {
    }
}
