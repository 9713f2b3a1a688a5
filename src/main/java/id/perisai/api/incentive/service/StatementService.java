package id.perisai.api.incentive.service;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.agent.repository.AgentRepository;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.incentive.dto.AgentLedgerResponse;
import id.perisai.api.incentive.dto.AgentStatementResponse;
import id.perisai.api.incentive.dto.StatementResponse;
import id.perisai.api.incentive.repository.LedgerRepository;
import id.perisai.api.incentive.repository.LedgerRepository.AgentSums;
import id.perisai.api.incentive.repository.StatementRepository;
import id.perisai.api.incentive.scheme.IncentiveScheme;
import id.perisai.api.incentive.scheme.SchemeCalculator;
import id.perisai.api.incentive.scheme.SchemeCalculator.AgentIncentive;
import id.perisai.api.incentive.scheme.SchemeCalculator.AgentLedger;
import id.perisai.api.incentive.scheme.SchemeCalculator.Totals;
import id.perisai.api.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/**
 * A partner's incentive statements. An OPEN period's statement is computed from its ledger lines on every read (one
 * aggregate query, then the scheme's per-agent rules); a CLOSED period's is the one frozen when it was closed.
 */
@ApplicationScoped
public class StatementService {

    private final LedgerRepository ledger;
    private final StatementRepository statements;
    private final AgentRepository agents;
    private final Schemes schemes;
    private final TimeSource time;

    public StatementService(LedgerRepository ledger, StatementRepository statements, AgentRepository agents,
            Schemes schemes, TimeSource time) {
        this.ledger = ledger;
        this.statements = statements;
        this.agents = agents;
        this.schemes = schemes;
        this.time = time;
    }

    /** An agent's figures for an OPEN period. */
    public static AgentStatementResponse response(AgentSums sums, AgentIncentive incentive) {
        return new AgentStatementResponse(sums.agentCode(), incentive.acquisitions(), incentive.acquisitionIncentive(),
                incentive.contributionIncentive(), incentive.reversals(), incentive.total());
    }

    public static AgentIncentive compute(IncentiveScheme scheme, AgentSums sums) {
        return SchemeCalculator.agent(scheme, new AgentLedger(sums.acquisitions(), sums.acquisitionAmounts(),
                sums.contributionAmounts(), sums.clawbacks()));
    }

    public Uni<StatementResponse> statement(Caller caller, String periodText) {
        long partnerId = caller.requirePartnerId();
        YearMonth period = Periods.parseNotFuture(periodText, time.currentMonthWib());
        LocalDate first = period.atDay(1);
        return context(period).flatMap(ctx -> {
            if (ctx.closed()) {
                return statements.statement(first, partnerId).flatMap(frozen -> statements.agents(first, partnerId, null)
                        .map(list -> new StatementResponse(period.toString(), ctx.scheme().code(), "CLOSED", ctx.closedAt(),
                                list.stream().map(StatementRepository.FrozenAgent::response).toList(),
                                frozen == null ? 0 : frozen.agentTotal(), frozen == null ? 0 : frozen.partnerFee(),
                                frozen == null ? 0 : frozen.grandTotal())));
            }
            return ledger.agentSums(ledger.pool(), first, partnerId).map(sums -> {
                List<AgentStatementResponse> rows = new ArrayList<>(sums.size());
                List<AgentIncentive> incentives = new ArrayList<>(sums.size());
                for (AgentSums s : sums) {
                    AgentIncentive incentive = compute(ctx.scheme(), s);
                    incentives.add(incentive);
                    rows.add(response(s, incentive));
                }
                Totals totals = SchemeCalculator.totals(ctx.scheme(), incentives);
                return new StatementResponse(period.toString(), ctx.scheme().code(), "OPEN", null, rows,
                        totals.agentTotal(), totals.partnerFee(), totals.grandTotal());
            });
        });
    }

    public Uni<AgentLedgerResponse> agentLedger(Caller caller, String periodText, String agentCode, PageRequest page) {
        long partnerId = caller.requirePartnerId();
        YearMonth period = Periods.parseNotFuture(periodText, time.currentMonthWib());
        LocalDate first = period.atDay(1);
        long after = afterLine(page.after());
        if (agentCode == null || agentCode.length() > 16) {
            return Uni.createFrom().failure(new ResourceNotFoundException("Agent"));
        }
        return agents.idOfPartner(partnerId, agentCode).onItem().ifNull()
                .failWith(() -> new ResourceNotFoundException("Agent"))
                .flatMap(agentId -> context(period).flatMap(ctx -> agentFigures(ctx, first, partnerId, agentId, agentCode)
                        .flatMap(figures -> ledger.agentLines(agentId, first, after, page.fetchSize()).map(lines -> {
                            var p = id.perisai.api.common.web.Page.of(lines, page, l -> String.valueOf(l.lineId()));
                            return new AgentLedgerResponse(period.toString(), ctx.scheme().code(),
                                    ctx.closed() ? "CLOSED" : "OPEN", figures, p.items(), p.nextCursor());
                        }))));
    }

    private Uni<AgentStatementResponse> agentFigures(Context ctx, LocalDate first, long partnerId, long agentId,
            String agentCode) {
        if (ctx.closed()) {
            return statements.agents(first, partnerId, agentId).map(list -> list.isEmpty() ? empty(agentCode)
                    : list.get(0).response());
        }
        return ledger.agentSums(ledger.pool(), first, partnerId).map(sums -> {
            for (AgentSums s : sums) {
                if (s.agentId() == agentId) {
                    return response(s, compute(ctx.scheme(), s));
                }
            }
            return empty(agentCode);
        });
    }

    static AgentStatementResponse empty(String agentCode) {
        return new AgentStatementResponse(agentCode, 0, 0, 0, 0, 0);
    }

    /** The period's status and scheme: 404 when no scheme was in force on its first day. */
    record Context(IncentiveScheme scheme, boolean closed, java.time.Instant closedAt) {
    }

    private Uni<Context> context(YearMonth period) {
        return ledger.period(period.atDay(1)).flatMap(row -> schemes.current().map(list -> {
            boolean closed = row != null && "CLOSED".equals(row.getString("status"));
            IncentiveScheme scheme = closed && row.getInteger("scheme_id") != null
                    ? list.stream().filter(s -> s.id() == row.getInteger("scheme_id")).findFirst().orElse(null)
                    : SchemeCalculator.inForce(list, period);
            if (scheme == null) {
                throw new ResourceNotFoundException("Incentive scheme for this period");
            }
            return new Context(scheme, closed, closedAt(row));
        }));
    }

    static java.time.Instant closedAt(Row row) {
        return row == null || row.getOffsetDateTime("closed_at") == null ? null
                : row.getOffsetDateTime("closed_at").toInstant();
    }

    static long afterLine(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("cursor", "INVALID_CURSOR", "is not a cursor returned by this list");
        }
    }
}
