package id.perisai.api.incentive.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Incentive business metrics: {@code perisai_incentive_lines_total{type}} and
 * {@code perisai_incentive_amount_rupiah_total{type}} (negative amounts of reversals counted as their absolute value
 * under type REVERSAL), and {@code perisai_incentive_periods_closed_total}.
 */
@ApplicationScoped
public class IncentiveMetrics {

    private final MeterRegistry registry;

    public IncentiveMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void line(String type, long amount) {
        Counter.builder("perisai.incentive.lines").description("Incentive ledger lines written").tag("type", type)
                .register(registry).increment();
        Counter.builder("perisai.incentive.amount.rupiah").description("Rupiah of incentive ledger lines written")
                .tag("type", type).register(registry).increment(Math.abs(amount));
    }

    public void periodClosed() {
        Counter.builder("perisai.incentive.periods.closed").description("Incentive periods closed").register(registry)
                .increment();
    }
}
