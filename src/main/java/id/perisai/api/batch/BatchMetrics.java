package id.perisai.api.batch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.batch.queue.BatchRepository;
import id.perisai.api.batch.spi.BatchDefinition;
import id.perisai.api.batch.spi.BatchKind;
import id.perisai.api.batch.spi.BatchStatus;
import id.perisai.api.batch.spi.ChunkResult;
import id.perisai.api.batch.spi.RecordOutcome;
import id.perisai.api.common.problem.FieldError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Business metrics of batches, by kind ({@code registration}, {@code contribution}, … — every kind contributed):
 * {@code perisai_batch_records_total{kind,outcome,dry_run}}, {@code perisai_batch_record_errors_total{kind,code}},
 * {@code perisai_batches_total{kind,status}} (batches reaching a state) and {@code perisai_batches_open{kind,status}}
 * (waiting or being processed, across replicas), {@code perisai_batch_oldest_open_seconds{kind}} (age of the oldest of
 * them) and {@code perisai_batch_max_attempts{kind}} (the most processing attempts any of them has had).
 */
@ApplicationScoped
public class BatchMetrics {

    private final MeterRegistry registry;
    private final BatchRepository batches;
    private final Map<String, AtomicLong> open = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> oldest = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> attempts = new ConcurrentHashMap<>();

    public BatchMetrics(MeterRegistry registry, BatchRepository batches, BatchDefinitions definitions) {
        this.registry = registry;
        this.batches = batches;
        for (BatchDefinition<?, ?> definition : definitions.all()) {
            BatchKind kind = definition.kind();
            AtomicLong age = new AtomicLong();
            oldest.put(kind.name(), age);
            registry.gauge("perisai.batch.oldest.open.seconds", Tags.of("kind", kind.tag()), age);
            AtomicLong tries = new AtomicLong();
            attempts.put(kind.name(), tries);
            registry.gauge("perisai.batch.max.attempts", Tags.of("kind", kind.tag()), tries);
            for (BatchStatus status : BatchStatus.values()) {
                if (status.isOpen()) {
                    AtomicLong value = new AtomicLong();
                    open.put(kind.name() + "/" + status, value);
                    registry.gauge("perisai.batches.open", Tags.of("kind", kind.tag(), "status", status.name()), value);
                }
            }
        }
    }

    public void records(BatchKind kind, RecordOutcome outcome, boolean dryRun, long count) {
        if (count > 0) {
            Counter.builder("perisai.batch.records").description("Batch records by outcome").tag("kind", kind.tag())
                    .tag("outcome", outcome.name()).tag("dry_run", String.valueOf(dryRun)).register(registry).increment(count);
        }
    }

    /** What a processed chunk decided (by a worker, or within the accepting request). */
    public void processed(BatchKind kind, boolean dryRun, ChunkResult.Processed chunk) {
        records(kind, RecordOutcome.ACCEPTED, dryRun, chunk.accepted());
        records(kind, RecordOutcome.DUPLICATE, dryRun, chunk.duplicate());
        records(kind, RecordOutcome.REJECTED, dryRun, chunk.rejected());
        chunk.codes().forEach((code, count) -> error(kind, code, count));
    }

    public void errors(BatchKind kind, Iterable<FieldError> errors) {
        for (FieldError e : errors) {
            error(kind, e.code(), 1);
        }
    }

    public void error(BatchKind kind, String code, long count) {
        if (count > 0) {
            Counter.builder("perisai.batch.record.errors").description("Batch record errors by code").tag("kind", kind.tag())
                    .tag("code", code).register(registry).increment(count);
        }
    }

    public void batch(BatchKind kind, BatchStatus status) {
        Counter.builder("perisai.batches").description("Batches reaching a status").tag("kind", kind.tag())
                .tag("status", status.name()).register(registry).increment();
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refreshOpenBatches() {
        return batches.openBatchCounts().invoke(counts -> {
            open.values().forEach(v -> v.set(0));
            oldest.values().forEach(v -> v.set(0));
            attempts.values().forEach(v -> v.set(0));
            for (Object[] c : counts) {
                AtomicLong value = open.get(c[0] + "/" + c[1]);
                if (value != null) {
                    value.set((Long) c[2]);
                    attempts.get(c[0]).accumulateAndGet((Long) c[3], Math::max);
                    oldest.get(c[0]).accumulateAndGet((Long) c[4], Math::max);
                }
            }
        }).replaceWithVoid();
    }
}
