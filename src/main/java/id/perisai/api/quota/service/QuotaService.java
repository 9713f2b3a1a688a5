package id.perisai.api.quota.service;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.time.TimeSource;
import id.perisai.api.quota.repository.QuotaRepository;
import id.perisai.api.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Enforcement of the daily record quotas and the batch size for the partner named by the token. */
@ApplicationScoped
public class QuotaService {

    private final QuotaRepository quotas;
    private final QuotaMetrics metrics;
    private final TimeSource time;

    public QuotaService(QuotaRepository quotas, QuotaMetrics metrics, TimeSource time) {
        this.quotas = quotas;
        this.metrics = metrics;
        this.time = time;
    }

    /** Refuses at once when today's quota is already used up (saves reading a body that cannot be accepted). */
    public void requireRemaining(Caller caller, String quota) {
        QuotaState state = caller.quota();
        if (state != null && state.remaining(quota) <= 0) {
            throw refused(caller, quota, 1, 0);
        }
    }

    /** 413 once a batch has more records than the partner's maximum. */
    public void checkBatchSize(Caller caller, int records) {
        QuotaState state = caller.quota();
        if (state != null && records > state.maxBatchRecords()) {
            metrics.refused(caller.partnerCode(), "maxBatchRecords");
            throw new BatchTooLargeException(state.maxBatchRecords());
        }
    }

    /**
     * Consumes the records of an accepted batch from today's quota (WIB), in the batch's transaction; 429 when they
     * do not fit. Dry runs and replays never get here.
     */
    public Uni<Long> consume(SqlClient tx, Caller caller, String quota, long records) {
        LocalDate today = time.todayWib();
        return quotas.consume(tx, caller.requirePartnerId(), quota, today, records).map(used -> {
            if (used == null) {
                QuotaState state = caller.quota();
                throw refused(caller, quota, records, state == null ? 0 : state.remaining(quota));
            }
            if (caller.quota() != null) {
                caller.quota().consumed(quota, used);
            }
            return used;
        });
    }

    private QuotaExceededException refused(Caller caller, String quota, long records, long remaining) {
        metrics.refused(caller.partnerCode(), quota);
        // the same figure as the t= of the RateLimit header of this response
        long seconds = caller.quota() != null ? caller.quota().secondsToReset(quota)
                : Math.max(1, java.time.Duration.between(time.now(),
                        time.todayWib().plusDays(1).atStartOfDay(TimeSource.WIB).toInstant()).toSeconds());
        return new QuotaExceededException(quota, records, remaining, seconds);
    }
}
