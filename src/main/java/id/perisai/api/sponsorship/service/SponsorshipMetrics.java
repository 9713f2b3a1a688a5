package id.perisai.api.sponsorship.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sponsorship business metrics: {@code perisai_sponsorship_members_added_total},
 * {@code perisai_sponsorship_invoices_total{status}} (invoices read OPEN, and paid: PAID) and
 * {@code perisai_sponsorship_paid_rupiah_total{payer_type}}.
 */
@ApplicationScoped
public class SponsorshipMetrics {

    private final MeterRegistry registry;

    public SponsorshipMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void membersAdded(int count) {
        if (count > 0) {
            Counter.builder("perisai.sponsorship.members.added").description("Members added to sponsorships")
                    .register(registry).increment(count);
        }
    }

    public void invoice(String status) {
        Counter.builder("perisai.sponsorship.invoices").description("Sponsorship invoices read (OPEN) or paid (PAID)")
                .tag("status", status).register(registry).increment();
    }

    public void paid(String payerType, long amount) {
        Counter.builder("perisai.sponsorship.paid.rupiah").description("Rupiah paid on sponsorship invoices")
                .tag("payer_type", payerType).register(registry).increment(amount);
    }
}
