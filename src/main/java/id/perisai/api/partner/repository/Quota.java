package id.perisai.api.partner.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A partner's quotas, set by agency staff. */
@Embeddable
public class Quota {

    @Column(name = "registrations_per_day", nullable = false)
    public int registrationsPerDay;
    @Column(name = "contributions_per_day", nullable = false)
    public int contributionsPerDay;
    @Column(name = "max_batch_records", nullable = false)
    public int maxBatchRecords;
    @Column(name = "requests_per_minute", nullable = false)
    public int requestsPerMinute;
}
