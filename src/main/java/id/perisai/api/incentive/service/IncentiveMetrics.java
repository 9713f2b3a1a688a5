package id.perisai.api.incentive.service;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Incentive business metrics: {@code perisai_incentive_lines_total{type}} and
 * {@code perisai_incentive_amount_rupiah_total{type}} (negative amounts of reversals counted as their absolute value
 * under type REVERSAL), {@code perisai_incentive_periods_closed_total}, and {@code perisai_payouts_held_lines} /
 * {@code perisai_payouts_held_amount_rupiah}: the lines and rupiah HELD (agent with an OPEN HIGH fraud signal) in the
 * latest payout export on this replica.
 */
@ApplicationScoped
public class IncentiveMetrics {

    private final MeterRegistry registry;
    private final AtomicLong heldLines = new AtomicLong();
    private final AtomicLong heldAmount = new AtomicLong();

    public IncentiveMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("perisai.payouts.held.lines", heldLines, AtomicLong::get)
                .description("Payout lines HELD in the latest payout export").register(registry);
        Gauge.builder("perisai.payouts.held.amount.rupiah", heldAmount, AtomicLong::get)
                .description("Rupiah HELD in the latest payout export").register(registry);
    }

    public void held(long lines, long amount) {
        heldLines.set(lines);
        heldAmount.set(amount);
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
