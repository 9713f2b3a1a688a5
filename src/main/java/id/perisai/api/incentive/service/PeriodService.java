package id.perisai.api.incentive.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.audit.AuditEntry;
import id.perisai.api.common.audit.AuditEntry.Actor;
import id.perisai.api.common.audit.AuditLog;
import id.perisai.api.common.csv.CsvCells;
import id.perisai.api.common.problem.ConflictException;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.incentive.dto.CloseResponse;
import id.perisai.api.incentive.dto.PayoutResponse;
import id.perisai.api.incentive.dto.PayoutResponse.Payout;
import id.perisai.api.incentive.repository.LedgerRepository;
import id.perisai.api.incentive.repository.LedgerRepository.AgentSums;
import id.perisai.api.incentive.repository.LedgerRepository.NewLine;
import id.perisai.api.incentive.repository.StatementRepository;
import id.perisai.api.incentive.repository.StatementRepository.Frozen;
import id.perisai.api.incentive.repository.StatementRepository.FrozenAgent;
import id.perisai.api.incentive.scheme.IncentiveScheme;
import id.perisai.api.incentive.scheme.IncentiveScheme.ShareMode;
import id.perisai.api.incentive.scheme.SchemeCalculator;
import id.perisai.api.incentive.scheme.SchemeCalculator.AgentIncentive;
import id.perisai.api.incentive.scheme.SchemeCalculator.Totals;
import id.perisai.api.security.Caller;
import id.perisai.api.security.crypto.PiiCrypto;
import id.perisai.api.webhook.delivery.WebhookDispatcher;
import id.perisai.api.webhook.event.WebhookEventType;
import id.perisai.api.webhook.event.WebhookOutbox;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Closing periods and exporting their payouts (admin). Closing takes the period's lock exclusively — waiting for
 * contribution batches writing lines into it — computes every partner's statement from the ledger exactly as an
 * OPEN statement is computed, freezes it, and appends a PARTNER_FEE line per partner, all in one transaction.
 */
@ApplicationScoped
public class PeriodService {

    static final String RESOURCE = "incentive-period";
    /** A payout line to transfer, and one held while its agent has an OPEN HIGH fraud signal. */
    static final String PAY = "PAY";
    static final String HELD = "HELD";
    static final String PAYOUT_CSV_HEADER = "partnerCode,partnerName,payee,agentCode,accountName,bankCode,accountNumber,amount,status";

    private final LedgerRepository ledger;
    private final StatementRepository statements;
    private final Schemes schemes;
    private final AuditLog audit;
    private final PiiCrypto crypto;
    private final IncentiveMetrics metrics;
    private final TimeSource time;

    /**
     * The {@code data} of {@code statement.closed}, one event per partner with a statement (documented by
     * WebhooksDocumentFilter): the partner's frozen totals, no personal data.
     */
    public record StatementClosed(String period,
            String scheme,
            Instant closedAt,
            int agents,
            long agentTotal,
            long partnerFee,
            long grandTotal) {
    }

    private final WebhookOutbox outbox;
    private final WebhookDispatcher dispatcher;

    public PeriodService(LedgerRepository ledger, StatementRepository statements, Schemes schemes, AuditLog audit,
            PiiCrypto crypto, IncentiveMetrics metrics, TimeSource time, WebhookOutbox outbox,
            WebhookDispatcher dispatcher) {
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.ledger = ledger;
        this.statements = statements;
        this.schemes = schemes;
        this.audit = audit;
        this.crypto = crypto;
        this.metrics = metrics;
        this.time = time;
    }

    public Uni<CloseResponse> close(String periodText, Caller caller) {
        YearMonth period = Periods.parse(periodText);
        if (!period.isBefore(time.currentMonthWib())) {
            return Uni.createFrom().failure(new ConflictException(
                    "The period has not ended; it can be closed from " + period.plusMonths(1).atDay(1) + " (WIB)"));
        }
        LocalDate first = period.atDay(1);
        OffsetDateTime closedAt = time.now().atOffset(ZoneOffset.UTC);
        return schemes.fresh().map(list -> SchemeCalculator.inForce(list, period)).flatMap(scheme -> ledger.pool()
                .withTransaction(tx -> ledger.lockPeriodExclusive(tx, first).flatMap(status -> {
                    if (!"OPEN".equals(status)) {
                        return Uni.createFrom().<CloseResponse> failure(
                                new ConflictException("The period is already closed"));
                    }
                    return ledger.agentSums(tx, first, null).flatMap(sums -> {
                        Settlement s = settle(scheme, first, sums);
                        Uni<Void> writes = scheme == null ? Uni.createFrom().voidItem()
                                : statements.freeze(tx, first, scheme.id(), s.statements, s.agents)
                                        .flatMap(v -> ledger.insert(tx, s.feeLines, closedAt, false)).replaceWithVoid();
                        return writes
                                .flatMap(v -> statements.markClosed(tx, first, scheme == null ? null : scheme.id(), closedAt,
                                        caller.subject()))
                                .flatMap(v -> audit.record(tx, Actor.of(caller), new AuditEntry("INCENTIVE_PERIOD_CLOSED",
                                        null, RESOURCE, period.toString(), s.details(scheme))))
                                .flatMap(v -> statementEvents(tx, period, scheme, closedAt, s))
                                .map(v -> new CloseResponse(period.toString(), "CLOSED",
                                        scheme == null ? null : scheme.code(), closedAt.toInstant(), s.statements.size(),
                                        s.agentTotal, s.partnerFee, s.agentTotal + s.partnerFee));
                    });
                })))
                .invoke(metrics::periodClosed)
                .invoke(closed -> dispatcher.wake());
    }

    /** {@code statement.closed} for each partner with a statement, in the closing transaction (outbox). */
    private Uni<Void> statementEvents(SqlClient tx, YearMonth period, IncentiveScheme scheme, OffsetDateTime closedAt,
            Settlement s) {
        if (s.statements.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<Long, Integer> agents = new LinkedHashMap<>();
        s.agents.forEach(a -> agents.merge(a.partnerId(), 1, Integer::sum));
        return Multi.createFrom().iterable(s.statements)
                .onItem().transformToUniAndConcatenate(f -> outbox.emit(tx, f.partnerId(), WebhookEventType.STATEMENT_CLOSED,
                        new StatementClosed(period.toString(), scheme.code(), closedAt.toInstant(),
                                agents.getOrDefault(f.partnerId(), 0), f.agentTotal(), f.partnerFee(), f.grandTotal())))
                .collect().last().replaceWithVoid();
    }

    /** Every partner's statement of the period, as frozen rows and partner fee lines. */
    static final class Settlement {
        final List<Frozen> statements = new ArrayList<>();
        final List<FrozenAgent> agents = new ArrayList<>();
        final List<NewLine> feeLines = new ArrayList<>();
        long agentTotal;
        long partnerFee;

        Map<String, Object> details(IncentiveScheme scheme) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("scheme", scheme == null ? "none" : scheme.code());
            d.put("partners", statements.size());
            d.put("agents", agents.size());
            d.put("agentTotal", agentTotal);
            d.put("partnerFee", partnerFee);
            return d;
        }
    }

    static Settlement settle(IncentiveScheme scheme, LocalDate period, List<AgentSums> sums) {
        Settlement s = new Settlement();
        if (scheme == null) {
            return s;
        }
        Map<Long, List<AgentSums>> byPartner = new LinkedHashMap<>();
        sums.forEach(a -> byPartner.computeIfAbsent(a.partnerId(), k -> new ArrayList<>()).add(a));
        BigDecimal rate = SchemeCalculator.plain(scheme.partnerSharePercent().divide(BigDecimal.valueOf(100)));
        byPartner.forEach((partnerId, agents) -> {
            List<AgentIncentive> incentives = new ArrayList<>();
            long gross = 0;
            for (AgentSums a : agents) {
                AgentIncentive i = StatementService.compute(scheme, a);
                incentives.add(i);
                gross += scheme.partnerShareMode() == ShareMode.SPLIT ? i.total() + i.partnerShare() : i.total();
                s.agents.add(new FrozenAgent(partnerId, a.agentId(), a.agentCode(), i.acquisitions(),
                        i.acquisitionIncentive(), i.contributionIncentive(), i.reversals(), i.total(), i.partnerShare(),
                        i.minimumMet()));
            }
            Totals totals = SchemeCalculator.totals(scheme, incentives);
            s.statements.add(new Frozen(partnerId, scheme.id(), totals.agentTotal(), totals.partnerFee(),
                    totals.grandTotal()));
            s.agentTotal += totals.agentTotal();
            s.partnerFee += totals.partnerFee();
            if (totals.partnerFee() != 0) {
                s.feeLines.add(new NewLine(period, partnerId, null, scheme.id(), "PARTNER_FEE", null, "PERIOD", null, gross,
                        rate, totals.partnerFee(), null, null, null, null));
            }
        });
        return s;
    }

    /** The transfers of a closed period (409 while it is open), audited: they carry account numbers. */
    public Uni<PayoutResponse> payouts(String periodText, Caller caller) {
        YearMonth period = Periods.parse(periodText);
        LocalDate first = period.atDay(1);
        return ledger.period(first).flatMap(row -> {
            if (row == null || !"CLOSED".equals(row.getString("status"))) {
                return Uni.createFrom().<PayoutResponse> failure(new ConflictException(
                        "The period is not closed; payouts are exported once it is"));
            }
            return statements.payouts(first).map(rows -> {
                List<Payout> payouts = new ArrayList<>(rows.size());
                long total = 0;
                long held = 0;
                int heldLines = 0;
                for (StatementRepository.PayoutRow r : rows) {
                    payouts.add(new Payout(r.partnerCode(), r.partnerName(), r.payee(), r.agentCode(), r.accountName(),
                            r.bankCode(), r.accountCipher() == null ? null : crypto.decrypt(r.accountCipher()),
                            r.amount(), r.held() ? HELD : PAY));
                    if (r.held()) {
                        held += r.amount();
                        heldLines++;
                    } else {
                        total += r.amount();
                    }
                }
                metrics.held(heldLines, held);
                return new PayoutResponse(period.toString(), payouts, payouts.size(), total, held);
            }).call(p -> ledger.pool().withTransaction(tx -> audit.record(tx, Actor.of(caller),
                    new AuditEntry("INCENTIVE_PAYOUTS_EXPORTED", null, RESOURCE, period.toString(),
                            Map.of("count", p.count(), "totalAmount", p.totalAmount(), "heldAmount", p.heldAmount())))));
        });
    }

    /** The payouts as CSV (RFC 4180, CRLF). */
    public static String csv(PayoutResponse payouts) {
        StringBuilder sb = new StringBuilder(PAYOUT_CSV_HEADER).append("\r\n");
        for (Payout p : payouts.payouts()) {
            CsvCells.row(sb, p.partnerCode(), p.partnerName(), p.payee(), p.agentCode(), p.accountName(), p.bankCode(),
                    p.accountNumber(), p.amount(), p.status());
        }
        return sb.toString();
    }
}
