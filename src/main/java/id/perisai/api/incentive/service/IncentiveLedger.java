package id.perisai.api.incentive.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.time.TimeSource;
import id.perisai.api.incentive.repository.LedgerRepository;
import id.perisai.api.incentive.repository.LedgerRepository.NewLine;
import id.perisai.api.incentive.scheme.IncentiveScheme;
import id.perisai.api.incentive.scheme.SchemeCalculator;
import id.perisai.api.incentive.scheme.SchemeCalculator.CoveredMonth;
import id.perisai.api.incentive.scheme.SchemeCalculator.PricedLine;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Produces ledger lines as contributions are accepted, in the transaction that stores them (rules.md §6): an
 * ACQUISITION when the first contribution of a participant its agent registered as new is accepted, and CONTRIBUTION
 * lines for the covered months of every contribution of a participant an agent manages. The period is the WIB month
 * of acceptance and the scheme the one in force on its first day. Agents SUSPENDED by the agency earn nothing.
 */
@ApplicationScoped
public class IncentiveLedger {

    /** Who earns from a participant's contributions: its agent (if any) and whether the agent acquired it. */
    public record Earner(Long agentId, Long agentPartnerId, String agentStatus, boolean newParticipant, boolean jht,
            UUID registrationBatchId) {
        public boolean earns() {
            return agentId != null && !"SUSPENDED".equals(agentStatus);
        }
    }

    /** An accepted contribution, as the ledger needs it. */
    public record Accepted(UUID contributionId, UUID participantId, Earner earner, boolean firstContribution,
            List<CoveredMonth> months) {
    }

    /** A round's lines, to be written with the contributions. */
    public record Lines(LocalDate period, List<NewLine> lines) {
        public static final Lines NONE = new Lines(null, List.of());
    }

    /** A period was closed while lines for it were being written: the round is retried, in the next period. */
    public static final class PeriodClosedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PeriodClosedException(LocalDate period) {
            super("incentive period " + YearMonth.from(period) + " was closed while contributions were being accepted");
        }
    }

    private final LedgerRepository ledger;
    private final IncentiveMetrics metrics;

    public IncentiveLedger(LedgerRepository ledger, IncentiveMetrics metrics) {
        this.ledger = ledger;
        this.metrics = metrics;
    }

    /** The lines the accepted contributions earn under the scheme in force in the period of {@code acceptedAt}. */
    public static Lines price(List<IncentiveScheme> schemes, OffsetDateTime acceptedAt, List<Accepted> accepted) {
        YearMonth period = YearMonth.from(acceptedAt.atZoneSameInstant(TimeSource.WIB));
        IncentiveScheme scheme = SchemeCalculator.inForce(schemes, period);
        if (scheme == null) {
            return Lines.NONE;
        }
        LocalDate first = period.atDay(1);
        List<NewLine> lines = new ArrayList<>();
        for (Accepted a : accepted) {
            Earner e = a.earner();
            if (e == null || !e.earns()) {
                continue;
            }
            if (e.newParticipant() && a.firstContribution()) {
                PricedLine p = SchemeCalculator.acquisition(scheme, e.jht());
                lines.add(new NewLine(first, e.agentPartnerId(), e.agentId(), scheme.id(), "ACQUISITION", a.participantId(),
                        "REGISTRATION", e.registrationBatchId(), p.basis(), p.rate(), p.amount(), a.contributionId(), null,
                        null, null));
            }
            for (PricedLine p : SchemeCalculator.contribution(scheme, a.months())) {
                lines.add(new NewLine(first, e.agentPartnerId(), e.agentId(), scheme.id(), "CONTRIBUTION",
                        a.participantId(), "CONTRIBUTION", a.contributionId(), p.basis(), p.rate(), p.amount(),
                        a.contributionId(), null, null, null));
            }
        }
        return new Lines(first, lines);
    }

    /**
     * Writes the lines of contributions stored in this transaction, holding the period open while doing so; fails
     * with {@link PeriodClosedException} if the period has meanwhile been closed.
     */
    public Uni<Integer> write(SqlClient tx, Lines lines, OffsetDateTime acceptedAt) {
        if (lines.lines().isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return ledger.lockPeriodShared(tx, lines.period()).flatMap(status -> {
            if (!"OPEN".equals(status)) {
                return Uni.createFrom().failure(new PeriodClosedException(lines.period()));
            }
            return ledger.insert(tx, lines.lines(), acceptedAt, true);
        });
    }

    /** Counts lines and amounts by type, once their transaction has committed. */
    public void committed(Lines lines) {
        lines.lines().forEach(l -> metrics.line(l.type(), l.amount()));
    }
}
