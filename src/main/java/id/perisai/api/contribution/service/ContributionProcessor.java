package id.perisai.api.contribution.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.batch.queue.BatchRepository;
import id.perisai.api.batch.spi.BatchProcessor;
import id.perisai.api.batch.spi.ChunkResult;
import id.perisai.api.batch.spi.ClaimedBatch;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.contribution.repository.ContributionBatchRepository;
import id.perisai.api.contribution.repository.ContributionBatchRepository.ByteKey;
import id.perisai.api.contribution.repository.ContributionBatchRepository.Locked;
import id.perisai.api.contribution.repository.ContributionBatchRepository.MonthRow;
import id.perisai.api.contribution.repository.ContributionBatchRepository.Pending;
import id.perisai.api.contribution.repository.ContributionBatchRepository.Written;
import id.perisai.api.contribution.rules.ContributionCalculator.MonthDue;
import id.perisai.api.contribution.rules.PaymentDecision;
import id.perisai.api.contribution.rules.PaymentDecision.Decision;
import id.perisai.api.contribution.rules.PaymentDecision.ParticipantState;
import id.perisai.api.contribution.rules.RateTable;
import id.perisai.api.incentive.scheme.IncentiveScheme;
import id.perisai.api.incentive.scheme.SchemeCalculator.CoveredMonth;
import id.perisai.api.incentive.service.IncentiveLedger;
import id.perisai.api.incentive.service.Schemes;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Processes contribution batches. Payments must follow one another per participant, so a chunk (a window of record
 * indexes) is processed in rounds: each round takes, for every participant, its earliest payment still without an
 * outcome, locks those participants (by id, so racing batches serialise and never deadlock), decides each payment
 * with the pure rules against the coverage as it stands, and writes the round in one statement — contributions,
 * coverage, covered months and one result per record — in a transaction that first checks the lease, together with
 * the incentive ledger lines the accepted payments earn. Two payments racing for one participant therefore never cover
 * the same month, and a line exists exactly when its contribution does.
 */
@ApplicationScoped
public class ContributionProcessor implements BatchProcessor {

    private final BatchRepository batches;
    private final ContributionBatchRepository contributions;
    private final Rates rates;
    private final Schemes schemes;
    private final IncentiveLedger ledger;
    private final TimeSource time;
    private final ObjectMapper json;

    public ContributionProcessor(BatchRepository batches, ContributionBatchRepository contributions, Rates rates,
            Schemes schemes, IncentiveLedger ledger, TimeSource time, ObjectMapper json) {
        this.batches = batches;
        this.contributions = contributions;
        this.rates = rates;
        this.schemes = schemes;
        this.ledger = ledger;
        this.time = time;
        this.json = json;
    }

    @Override
    public ChunkResult processNext(ClaimedBatch batch, String owner, int chunkSize, Duration lease) {
        RateTable table = rates.fresh().await().indefinitely();
        List<IncentiveScheme> schemes = this.schemes.current().await().indefinitely();
        YearMonth current = YearMonth.from(batch.submittedAt().atZone(TimeSource.WIB));
        Round round = new Round(table, schemes, current, time.now().atOffset(ZoneOffset.UTC));
        ChunkResult outcome = batches.pool()
                .withTransaction(tx -> batches.fence(tx, batch.id(), owner).flatMap(processedUntil -> {
                    if (processedUntil == null) {
                        return Uni.createFrom().item(ChunkResult.LEASE_LOST);
                    }
                    return contributions.nextStagedIndex(tx, batch.id(), processedUntil).flatMap(next -> {
                        if (next == null) {
                            return Uni.createFrom().item(ChunkResult.DONE);
                        }
                        // the window starts at the next staged record, so a stretch of rejected records is skipped at once
                        int after = next - 1;
                        int through = after + chunkSize;
                        return round(tx, batch, round, after, through, lease);
                    });
                })).await().indefinitely();
        ledger.committed(round.lines);
        return outcome;
    }

    /** What a round decides with, and the incentive lines it wrote. */
    static final class Round {
        final RateTable rates;
        final List<IncentiveScheme> schemes;
        final YearMonth current;
        final OffsetDateTime acceptedAt;
        IncentiveLedger.Lines lines = IncentiveLedger.Lines.NONE;

        Round(RateTable rates, List<IncentiveScheme> schemes, YearMonth current, OffsetDateTime acceptedAt) {
            this.rates = rates;
            this.schemes = schemes;
            this.current = current;
            this.acceptedAt = acceptedAt;
        }
    }

    private Uni<ChunkResult> round(SqlClient tx, ClaimedBatch batch, Round round, int after, int through,
            Duration lease) {
        return contributions.pendingFirsts(tx, batch.id(), after, through).flatMap(pending -> {
            if (pending.isEmpty()) {
                // the window is done: move on (no record got an outcome in this round)
                return batches.advance(tx, batch.id(), through, 0, 0, 0, lease)
                        .replaceWith(new ChunkResult.Processed(0, 0, 0, 0, Map.of()));
            }
            List<ByteKey> keys = pending.stream().map(Pending::nikIndex).toList();
            List<String> refs = pending.stream().map(p -> p.payment().paymentRef()).toList();
            return contributions.lockParticipants(tx, batch.id(), keys, batch.dryRun())
                    .flatMap(participants -> contributions.usedReferences(tx, batch.id(), batch.partnerId(), refs,
                            batch.dryRun()).flatMap(used -> {
                                List<Written> written = new ArrayList<>();
                                List<MonthRow> months = new ArrayList<>();
                                List<IncentiveLedger.Accepted> earning = new ArrayList<>();
                                Map<String, Integer> codes = new LinkedHashMap<>();
                                decide(pending, participants, used, round, written, months, earning, codes);
                                IncentiveLedger.Lines lines = batch.dryRun() ? IncentiveLedger.Lines.NONE
                                        : IncentiveLedger.price(round.schemes, round.acceptedAt, earning);
                                return contributions.write(tx, batch.id(), batch.partnerId(), round.acceptedAt,
                                        batch.dryRun(), written, months)
                                        .call(counts -> ledger.write(tx, lines, round.acceptedAt)
                                                .invoke(n -> round.lines = lines))
                                        .flatMap(counts -> contributions.anyPending(tx, batch.id(), after, through)
                                                .flatMap(more -> batches.advance(tx, batch.id(), more ? after : through,
                                                        counts[0], counts[1], counts[2], lease))
                                                .replaceWith(new ChunkResult.Processed(written.size(), counts[0],
                                                        counts[1], counts[2], codes)));
                            }));
        });
    }

    @Override
    public boolean fail(ClaimedBatch batch, String owner, String reason) {
        return batches.fail(batch, owner, reason).await().indefinitely();
    }

    private void decide(List<Pending> pending, Map<ByteKey, Locked> participants, Set<String> usedRefs, Round round,
            List<Written> written, List<MonthRow> months, List<IncentiveLedger.Accepted> earning,
            Map<String, Integer> codes) {
        Set<String> used = new HashSet<>(usedRefs);
        for (Pending p : pending) {
            Locked locked = participants.get(p.nikIndex());
            ParticipantState participant = locked == null ? null : locked.state();
            var payment = p.payment();
            Decision d = PaymentDecision.decide(payment, participant, used.contains(payment.paymentRef()), round.current,
                    round.rates);
            UUID contributionId = null;
            java.time.LocalDate coveredThrough = null;
            if (d.accepted()) {
                used.add(payment.paymentRef());
                contributionId = UUID.randomUUID();
                coveredThrough = payment.periodStart().plusMonths(payment.months() - 1L).atDay(1);
                List<CoveredMonth> covered = new ArrayList<>();
                for (MonthDue m : d.due().months()) {
                    int membershipMonth = PaymentDecision.membershipMonth(participant.registrationMonth(), m.month());
                    months.add(new MonthRow(contributionId, m.month().atDay(1), membershipMonth, m.jkk(), m.jkm(), m.jht(),
                            m.discounted()));
                    covered.add(new CoveredMonth(membershipMonth, m.jkk() + m.jkm() + m.jht()));
                }
                earning.add(new IncentiveLedger.Accepted(contributionId, participant.id(), locked.earner(),
                        participant.coveredUntil() == null, covered));
            }
            for (FieldError e : d.errors()) {
                codes.merge(e.code(), 1, Integer::sum);
            }
            written.add(new Written(p.index(), d.status(), payment.externalRef(), contributionId,
                    participant == null ? null : participant.id(), payment.paymentRef(), payment.periodStart().atDay(1),
                    payment.months(), payment.amount(), payment.payerType().name(), payment.payerName(), payment.paidAt(),
                    coveredThrough, d.errors().isEmpty() ? null : json(d.errors()), d.expectedAmount()));
        }
    }

    private String json(List<FieldError> errors) {
        try {
            return json.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
