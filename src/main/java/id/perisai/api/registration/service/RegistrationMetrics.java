package id.perisai.api.registration.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.problem.FieldError;
import id.perisai.api.registration.repository.RegistrationBatchRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Business metrics of registrations: {@code perisai_registration_records_total{outcome,dry_run}},
 * {@code perisai_registration_record_errors_total{code}}, {@code perisai_registration_batches_total{status}} (batches
 * reaching a state) and {@code perisai_registration_batches_open{status}} (waiting or being processed, across
 * replicas).
 */
@ApplicationScoped
public class RegistrationMetrics {

    private final MeterRegistry registry;
    private final RegistrationBatchRepository batches;
    private final Map<String, AtomicLong> open = new ConcurrentHashMap<>();

    public RegistrationMetrics(MeterRegistry registry, RegistrationBatchRepository batches) {
        this.registry = registry;
        this.batches = batches;
        for (String status : new String[] { "RECEIVED", "PROCESSING" }) {
            AtomicLong value = new AtomicLong();
            open.put(status, value);
            registry.gauge("perisai.registration.batches.open", io.micrometer.core.instrument.Tags.of("status", status),
                    value);
        }
    }

    public void records(String outcome, boolean dryRun, long count) {
        if (count > 0) {
            Counter.builder("perisai.registration.records").description("Registration records by outcome")
                    .tag("outcome", outcome).tag("dry_run", String.valueOf(dryRun)).register(registry).increment(count);
        }
    }

    public void errors(Iterable<FieldError> errors) {
        for (FieldError e : errors) {
            error(e.code(), 1);
        }
    }

    public void error(String code, long count) {
        if (count > 0) {
            Counter.builder("perisai.registration.record.errors").description("Registration record errors by code")
                    .tag("code", code).register(registry).increment(count);
        }
    }

    public void batch(String status) {
        Counter.builder("perisai.registration.batches").description("Registration batches reaching a status")
                .tag("status", status).register(registry).increment();
    }

    @Scheduled(every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refreshOpenBatches() {
        return batches.openBatchCounts().invoke(counts -> {
            open.values().forEach(v -> v.set(0));
            for (Object[] c : counts) {
                AtomicLong value = open.get((String) c[0]);
                if (value != null) {
                    value.set((Long) c[1]);
                }
            }
        }).replaceWithVoid();
    }
}
