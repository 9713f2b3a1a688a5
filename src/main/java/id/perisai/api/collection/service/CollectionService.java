package id.perisai.api.collection.service;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.collection.dto.CollectionSummary;
import id.perisai.api.collection.dto.DueItem;
import id.perisai.api.collection.repository.CollectionRepository;
import id.perisai.api.collection.repository.CollectionRepository.DueRow;
import id.perisai.api.collection.rules.CollectionRule;
import id.perisai.api.collection.rules.CollectionRule.Position;
import id.perisai.api.collection.rules.CollectionStatus;
import id.perisai.api.common.csv.CsvCells;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.common.web.Ids;
import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.common.web.QueryParams;
import id.perisai.api.contribution.rules.ContributionCalculator;
import id.perisai.api.contribution.rules.ContributionCalculator.Basis;
import id.perisai.api.contribution.rules.PayerType;
import id.perisai.api.contribution.rules.RateTable;
import id.perisai.api.contribution.service.Rates;
import id.perisai.api.participant.rules.Occupation;
import id.perisai.api.security.Caller;
import io.smallrye.mutiny.Uni;

/** Collection lists (growth.md §1): who of the partner's participants must pay for a month, how much, and by when. */
@ApplicationScoped
public class CollectionService {

    /** How far ahead a collection list may be asked for: as far as a payment may reach (rules.md §4). */
    static final int MAX_MONTHS_AHEAD = 12;

    /** The query of a list: the month, optional agent and status filters. */
    public record Query(YearMonth month, YearMonth current, String agentCode, CollectionStatus status) {
    }

    private final CollectionRepository repository;
    private final Rates rates;
    private final TimeSource time;

    public CollectionService(CollectionRepository repository, Rates rates, TimeSource time) {
        this.repository = repository;
        this.rates = rates;
        this.time = time;
    }

    /** Parses the query parameters (400 naming the bad one). */
    public Query query(String month, String agentCode, String status) {
        YearMonth current = time.currentMonthWib();
        YearMonth m = current;
        if (month != null && !month.isEmpty()) {
            try {
                if (!month.matches("\\d{4}-\\d{2}")) {
                    throw new DateTimeParseException("not YYYY-MM", month, 0);
                }
                m = YearMonth.parse(month);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("month", "INVALID_VALUE", "must be a month, YYYY-MM");
            }
            if (m.isAfter(current.plusMonths(MAX_MONTHS_AHEAD))) {
                throw new InvalidInputException("month", "OUT_OF_RANGE",
                        "may be at most " + MAX_MONTHS_AHEAD + " months past the current month");
            }
        }
        if (agentCode != null && (agentCode.isEmpty() || agentCode.length() > 16 || !agentCode.matches("[A-Z0-9]+"))) {
            throw new InvalidInputException("agentCode", "INVALID_VALUE", "must be an agent code");
        }
        return new Query(m, current, agentCode, QueryParams.enumValue(status, CollectionStatus.class, "status"));
    }

    public Uni<Page<DueItem>> due(Caller caller, Query q, PageRequest page) {
        LocalDate afterLapse = null;
        UUID afterId = null;
        if (page.after() != null) {
            String[] parts = page.after().split("\\|", 2);
            try {
                afterLapse = LocalDate.parse(parts[0]);
                afterId = parts.length == 2 ? Ids.uuid(parts[1]) : null;
            } catch (DateTimeParseException e) {
                afterId = null;
            }
            if (afterId == null) {
                throw new InvalidInputException("cursor", "INVALID_CURSOR", "is not a cursor returned by this list");
            }
        }
        LocalDate lapse = afterLapse;
        UUID id = afterId;
        return rates.current().flatMap(table -> repository.page(caller.requirePartnerId(), q.current(), q.month(),
                q.agentCode(), status(q), lapse, id, page.fetchSize()).map(rows -> items(rows, q, table)))
                .map(items -> Page.of(items, page, i -> i.lapsesOn() + "|" + i.participantId()));
    }

    /** Every listed participant (the CSV form). */
    public Uni<List<DueItem>> all(Caller caller, Query q) {
        return rates.current().flatMap(table -> repository.all(caller.requirePartnerId(), q.current(), q.month(),
                q.agentCode(), status(q)).map(rows -> items(rows, q, table)));
    }

    public Uni<CollectionSummary> summary(Caller caller, Query q) {
        return all(caller, q).map(items -> summarise(q.month(), items));
    }

    static String status(Query q) {
        return q.status() == null ? null : q.status().name();
    }

    static List<DueItem> items(List<DueRow> rows, Query q, RateTable table) {
        List<DueItem> items = new ArrayList<>(rows.size());
        for (DueRow r : rows) {
            Position p = CollectionRule.position(r.storedStatus(), r.registrationMonth(), r.coveredUntil(), q.month(),
                    q.current());
            if (p == null) {
                continue;
            }
            Long amount = null;
            Integer months = null;
            if (p.status() != CollectionStatus.LAPSED) {
                Basis basis = new Basis(r.monthlyIncome(), Occupation.ofCode(r.occupation()).occupationClass(), r.jht());
                amount = ContributionCalculator.due(table, basis, PayerType.SELF, p.firstUnpaidMonth(), p.payableMonths())
                        .amount();
                months = p.payableMonths();
            }
            items.add(new DueItem(r.id(), r.nikMasked(), r.fullName(), r.phone(), r.agentCode(),
                    r.coveredUntil() == null ? null : YearMonth.from(r.coveredUntil()).toString(),
                    p.firstUnpaidMonth().toString(), p.lapsesOn(), p.status().name(), months, amount));
        }
        return items;
    }

    static CollectionSummary summarise(YearMonth month, List<DueItem> items) {
        Map<String, long[]> byAgent = new TreeMap<>();
        long[] total = new long[4];
        for (DueItem i : items) {
            long[] row = byAgent.computeIfAbsent(i.agentCode() == null ? "" : i.agentCode(), k -> new long[4]);
            for (long[] counts : List.of(row, total)) {
                counts[CollectionStatus.valueOf(i.status()).ordinal()]++;
                counts[3] += i.amountDue() == null ? 0 : i.amountDue();
            }
        }
        List<CollectionSummary.Row> agents = new ArrayList<>();
        byAgent.forEach((agent, c) -> agents.add(new CollectionSummary.Row(agent.isEmpty() ? null : agent, c[0], c[1], c[2],
                c[3])));
        return new CollectionSummary(month.toString(), agents,
                new CollectionSummary.Row(null, total[0], total[1], total[2], total[3]));
    }

    public static String csv(List<DueItem> items) {
        StringBuilder sb = new StringBuilder();
        CsvCells.row(sb, "participantId", "nikMasked", "fullName", "phone", "agentCode", "coveredUntil", "firstUnpaidMonth",
                "lapsesOn", "status", "payableMonths", "amountDue");
        for (DueItem i : items) {
            CsvCells.row(sb, i.participantId(), i.nikMasked(), i.fullName(), i.phone(), i.agentCode(), i.coveredUntil(),
                    i.firstUnpaidMonth(), i.lapsesOn(), i.status(), i.payableMonths(), i.amountDue());
        }
        return sb.toString();
    }
}
