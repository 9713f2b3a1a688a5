package id.perisai.api.fraud.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.fraud.repository.FraudSignalRepository;
import id.perisai.api.fraud.rules.SignalType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Fraud metrics: {@code perisai_fraud_signals{type,status}} (signals in the database, refreshed every 30 s and after
 * each raise or review, so every replica reports the same), {@code perisai_fraud_signals_raised_total{type}} (raised by
 * this replica). The held payouts are {@code IncentiveMetrics}' (the payout export's).
 */
@ApplicationScoped
public class FraudMetrics {

    private final MeterRegistry registry;
    private final FraudSignalRepository signals;
    private final Map<String, AtomicLong> byTypeAndStatus = new ConcurrentHashMap<>();

    public FraudMetrics(MeterRegistry registry, FraudSignalRepository signals) {
        this.registry = registry;
        this.signals = signals;
        for (SignalType type : SignalType.values()) {
            for (SignalType.Status status : SignalType.Status.values()) {
                AtomicLong value = new AtomicLong();
                byTypeAndStatus.put(type.name() + "/" + status.name(), value);
                Gauge.builder("perisai.fraud.signals", value, AtomicLong::get).description("Fraud signals by type and status")
                        .tag("type", type.name()).tag("status", status.name()).register(registry);
            }
        }
    }

    public void raised(SignalType type) {
        Counter.builder("perisai.fraud.signals.raised").description("Fraud signals raised by this replica")
                .tag("type", type.name()).register(registry).increment();
    }

    @Scheduled(every = "30s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRefresh() {
        return refresh().onFailure().recoverWithNull();
    }

    /** Reads the counts by type and status from the database. */
    public Uni<Void> refresh() {
        return signals.counts().invoke(rows -> {
            byTypeAndStatus.values().forEach(v -> v.set(0));
            for (Object[] r : rows) {
                AtomicLong v = byTypeAndStatus.get(r[0] + "/" + r[1]);
                if (v != null) {
                    v.set((Long) r[2]);
                }
            }
        }).replaceWithVoid();
    }
}
