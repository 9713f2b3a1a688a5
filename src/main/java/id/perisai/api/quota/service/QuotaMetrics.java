package id.perisai.api.quota.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code perisai_quota_refusals_total{partner,quota}}: requests refused by a quota. */
@ApplicationScoped
public class QuotaMetrics {

    private final MeterRegistry registry;

    public QuotaMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void refused(String partnerCode, String quota) {
        Counter.builder("perisai.quota.refusals").description("Requests refused by a partner quota")
                .tag("partner", partnerCode).tag("quota", quota).register(registry).increment();
    }
}
