package id.perisai.api.report.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.audit.AuditEntry;
import id.perisai.api.common.audit.AuditEntry.Actor;
import id.perisai.api.common.audit.AuditLog;
import id.perisai.api.common.csv.CsvCells;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.incentive.service.Periods;
import id.perisai.api.report.dto.PerformanceReport;
import id.perisai.api.report.dto.PerformanceRow;
import id.perisai.api.report.dto.PerformanceTotal;
import id.perisai.api.report.dto.Persistency;
import id.perisai.api.report.dto.TargetsDto;
import id.perisai.api.report.dto.TargetsDto.BranchTarget;
import id.perisai.api.report.dto.TargetsDto.PartnerTarget;
import id.perisai.api.report.repository.ReportRepository;
import id.perisai.api.report.repository.ReportRepository.Achieved;
import id.perisai.api.report.repository.ReportRepository.Figures;
import id.perisai.api.report.repository.ReportRepository.Grouping;
import id.perisai.api.report.repository.TargetRepository;
import id.perisai.api.report.repository.TargetRepository.Target;
import id.perisai.api.security.Caller;
import io.smallrye.mutiny.Uni;

/** Performance reports (growth.md §3) for partners and agency staff, and the yearly targets they are measured by. */
@ApplicationScoped
public class ReportService {

    /** Longest range of one report, in months. */
    public static final int MAX_MONTHS = 36;
    static final String CSV_HEADER = "key,registrations,reactivations,acquisitions,contributions,contributionAmount,"
            + "activeAtEnd,lapsed,incentives,p3,p6,p12,target,achieved,achievedPct";
    static final String TOTAL_KEY = "TOTAL";
    static final String RESOURCE = "target";

    private final ReportRepository reports;
    private final TargetRepository targets;
    private final AuditLog audit;
    private final TimeSource time;

    public ReportService(ReportRepository reports, TargetRepository targets, AuditLog audit, TimeSource time) {
        this.reports = reports;
        this.targets = targets;
        this.audit = audit;
        this.time = time;
    }

    /** A partner's report on its own agents: groupBy agent (default) or month. */
    public Uni<PerformanceReport> partnerReport(Caller caller, String from, String to, String groupBy) {
        Grouping grouping = grouping(groupBy, Set.of(Grouping.AGENT, Grouping.MONTH), Grouping.AGENT);
        YearMonth[] range = range(from, to);
        long partnerId = caller.requirePartnerId();
        return targets.partner(partnerId).flatMap(p -> report(grouping, range, partnerId, null, p[0], null));
    }

    /** Agency staff's report: by partner (default), branch office, agent or month, optionally of one partner/office. */
    public Uni<PerformanceReport> adminReport(String from, String to, String groupBy, String partnerCode,
            String branchOffice) {
        Grouping grouping = grouping(groupBy, Set.of(Grouping.values()), Grouping.PARTNER);
        YearMonth[] range = range(from, to);
        String office = branchOffice == null || branchOffice.isBlank() ? null : branchOffice;
        if (office != null && office.length() > 100) {
            throw new InvalidInputException("branchOffice", "INVALID_VALUE", "must be at most 100 characters");
        }
        if (partnerCode == null || partnerCode.isBlank()) {
            return report(grouping, range, null, office, null, office);
        }
        return targets.partnerId(partnerCode).flatMap(id -> {
            if (id == null) {
                return Uni.createFrom().failure(new ResourceNotFoundException("Partner"));
            }
            return report(grouping, range, id, office, partnerCode, office);
        });
    }

    private Uni<PerformanceReport> report(Grouping grouping, YearMonth[] range, Long partnerId, String office,
            String totalPartner, String totalOffice) {
        YearMonth current = time.currentMonthWib();
        int year = range[1].getYear();
        return reports.figures(grouping, range[0].atDay(1), range[1].atDay(1), partnerId, office, current.atDay(1))
                .flatMap(figures -> targets.year(year).flatMap(ts -> achieved(year).map(ach -> {
                    Map<String, Long> target = new HashMap<>();
                    for (Target t : ts) {
                        target.put(t.subjectType() + ":" + t.subject(), (long) t.newParticipants());
                    }
                    List<PerformanceRow> rows = new ArrayList<>();
                    for (Figures f : figures) {
                        Long tgt = null;
                        Long got = null;
                        if (grouping == Grouping.PARTNER) {
                            tgt = target.get(TargetRepository.PARTNER + ":" + f.key());
                            got = ach.byPartner.getOrDefault(f.key(), 0L);
                        } else if (grouping == Grouping.BRANCH_OFFICE) {
                            tgt = target.get(TargetRepository.BRANCH_OFFICE + ":" + f.key());
                            got = ach.byOffice.getOrDefault(f.key(), 0L);
                        }
                        rows.add(row(f, tgt, tgt == null ? null : got));
                    }
                    Long tgt = null;
                    Long got = null;
                    if (totalPartner != null) {
                        tgt = target.get(TargetRepository.PARTNER + ":" + totalPartner);
                        got = ach.byPartner.getOrDefault(totalPartner, 0L);
                    } else if (totalOffice != null) {
                        tgt = target.get(TargetRepository.BRANCH_OFFICE + ":" + totalOffice);
                        got = ach.byOffice.getOrDefault(totalOffice, 0L);
                    }
                    return new PerformanceReport(range[0].toString(), range[1].toString(), grouping.parameter, rows,
                            total(grouping, figures, range[1], tgt, tgt == null ? null : got));
                })));
    }

    /** Achieved new participants of a WIB year, per partner and per branch office. */
    record AchievedByYear(Map<String, Long> byPartner, Map<String, Long> byOffice) {
    }

    private Uni<AchievedByYear> achieved(int year) {
        return reports.achieved(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1)).map(list -> {
            Map<String, Long> byPartner = new HashMap<>();
            Map<String, Long> byOffice = new HashMap<>();
            for (Achieved a : list) {
                byPartner.merge(a.partnerCode(), a.newParticipants(), Long::sum);
                byOffice.merge(a.branchOffice(), a.newParticipants(), Long::sum);
            }
            return new AchievedByYear(byPartner, byOffice);
        });
    }

    static PerformanceRow row(Figures f, Long target, Long achieved) {
        return new PerformanceRow(f.key(), f.registrations(), f.reactivations(), f.acquisitions(), f.contributions(),
                f.contributionAmount(), f.activeAtEnd(), f.lapsed(), f.incentives(), persistency(f), target, achieved,
                pct(achieved, target));
    }

    /** Sums of the rows; activeAtEnd of a report by month is that of its last month. */
    static PerformanceTotal total(Grouping grouping, List<Figures> figures, YearMonth to, Long target, Long achieved) {
        long[] s = new long[14];
        long lastMonthActive = 0;
        for (Figures f : figures) {
            long[] v = { f.registrations(), f.reactivations(), f.acquisitions(), f.measured3(), f.paid3(), f.measured6(),
                    f.paid6(), f.measured12(), f.paid12(), f.contributions(), f.contributionAmount(), f.activeAtEnd(),
                    f.lapsed(), f.incentives() };
            for (int i = 0; i < v.length; i++) {
                s[i] += v[i];
            }
            if (to.toString().equals(f.key())) {
                lastMonthActive = f.activeAtEnd();
            }
        }
        Figures sum = new Figures(TOTAL_KEY, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10],
                grouping == Grouping.MONTH ? lastMonthActive : s[11], s[12], s[13]);
        return new PerformanceTotal(sum.registrations(), sum.reactivations(), sum.acquisitions(), sum.contributions(),
                sum.contributionAmount(), sum.activeAtEnd(), sum.lapsed(), sum.incentives(), persistency(sum), target,
                achieved, pct(achieved, target));
    }

    /** p_k = paid_k / measured_k, four decimals, half-up; absent while nothing is old enough. */
    public static Persistency persistency(Figures f) {
        return new Persistency(ratio(f.paid3(), f.measured3()), ratio(f.paid6(), f.measured6()),
                ratio(f.paid12(), f.measured12()));
    }

    static BigDecimal ratio(long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP)
                .stripTrailingZeros();
    }

    static BigDecimal pct(Long achieved, Long target) {
        if (achieved == null || target == null || target == 0) {
            return null;
        }
        return BigDecimal.valueOf(achieved * 100).divide(BigDecimal.valueOf(target), 1, RoundingMode.HALF_UP);
    }

    static Grouping grouping(String text, Set<Grouping> allowed, Grouping dflt) {
        if (text == null || text.isEmpty()) {
            return dflt;
        }
        for (Grouping g : allowed) {
            if (g.parameter.equals(text)) {
                return g;
            }
        }
        List<String> names = allowed.stream().map(g -> g.parameter).sorted().toList();
        throw new InvalidInputException("groupBy", "INVALID_VALUE", "must be one of " + String.join(", ", names));
    }

    /** from and to as months (default: the current WIB month), from ≤ to, at most {@link #MAX_MONTHS}. */
    YearMonth[] range(String from, String to) {
        YearMonth current = time.currentMonthWib();
        List<FieldError> errors = new ArrayList<>();
        YearMonth f = month("from", from, current, errors);
        YearMonth t = month("to", to, current, errors);
        if (errors.isEmpty() && f.isAfter(t)) {
            errors.add(new FieldError("from", "RANGE_INVALID", "must not be after to"));
        } else if (errors.isEmpty() && f.plusMonths(MAX_MONTHS - 1).isBefore(t)) {
            errors.add(new FieldError("to", "RANGE_TOO_LONG", "a report covers at most " + MAX_MONTHS + " months"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new YearMonth[] { f, t };
    }

    private static YearMonth month(String field, String text, YearMonth current, List<FieldError> errors) {
        if (text == null || text.isEmpty()) {
            return current;
        }
        try {
            return Periods.parse(text);
        } catch (InvalidInputException e) {
            errors.add(new FieldError(field, "INVALID_MONTH", "must be a month as YYYY-MM"));
            return current;
        }
    }

    /** The report as CSV (RFC 4180, CRLF): one line per row, then the total (key TOTAL). */
    public static String csv(PerformanceReport report) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append("\r\n");
        for (PerformanceRow r : report.rows()) {
            CsvCells.row(sb, r.key(), r.registrations(), r.reactivations(), r.acquisitions(), r.contributions(),
                    r.contributionAmount(), r.activeAtEnd(), r.lapsed(), r.incentives(), r.persistency().p3(),
                    r.persistency().p6(), r.persistency().p12(), r.target(), r.achieved(), r.achievedPct());
        }
        PerformanceTotal t = report.total();
        CsvCells.row(sb, TOTAL_KEY, t.registrations(), t.reactivations(), t.acquisitions(), t.contributions(),
                t.contributionAmount(), t.activeAtEnd(), t.lapsed(), t.incentives(), t.persistency().p3(),
                t.persistency().p6(), t.persistency().p12(), t.target(), t.achieved(), t.achievedPct());
        return sb.toString();
    }

    // ---- targets ----

    /** The year's targets with what has been achieved so far. */
    public Uni<TargetsDto> targets(String yearText) {
        int year = year(yearText);
        return targets.year(year).flatMap(ts -> achieved(year).map(ach -> {
            List<BranchTarget> offices = new ArrayList<>();
            List<PartnerTarget> partners = new ArrayList<>();
            for (Target t : ts) {
                if (TargetRepository.BRANCH_OFFICE.equals(t.subjectType())) {
                    long got = ach.byOffice.getOrDefault(t.subject(), 0L);
                    offices.add(new BranchTarget(t.subject(), t.newParticipants(), got,
                            pct(got, (long) t.newParticipants())));
                } else {
                    long got = ach.byPartner.getOrDefault(t.subject(), 0L);
                    partners.add(new PartnerTarget(t.subject(), t.newParticipants(), got,
                            pct(got, (long) t.newParticipants())));
                }
            }
            return new TargetsDto(year, offices, partners);
        }));
    }

    /** Replaces the year's targets (audited); unknown partners are a 422. */
    public Uni<TargetsDto> replaceTargets(String yearText, TargetsDto body, Caller caller) {
        int year = year(yearText);
        List<FieldError> errors = new ArrayList<>();
        List<Target> list = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<BranchTarget> offices = body == null || body.branchOffices() == null ? List.of() : body.branchOffices();
        List<PartnerTarget> partners = body == null || body.partners() == null ? List.of() : body.partners();
        if (body == null || body.branchOffices() == null) {
            errors.add(new FieldError("branchOffices", "REQUIRED", "is required (an empty list removes them)"));
        }
        if (body == null || body.partners() == null) {
            errors.add(new FieldError("partners", "REQUIRED", "is required (an empty list removes them)"));
        }
        for (int i = 0; i < offices.size(); i++) {
            BranchTarget b = offices.get(i);
            String f = "branchOffices[" + i + "]";
            if (b == null || b.branchOffice() == null || b.branchOffice().isBlank() || b.branchOffice().length() > 100) {
                errors.add(new FieldError(f + ".branchOffice", "INVALID_VALUE", "is required, at most 100 characters"));
            } else if (!seen.add("B:" + b.branchOffice())) {
                errors.add(new FieldError(f + ".branchOffice", "DUPLICATE", "appears twice"));
            }
            if (b == null || !validAmount(b.newParticipants())) {
                errors.add(new FieldError(f + ".newParticipants", "OUT_OF_RANGE", "must be between 1 and 100000000"));
            }
            if (b != null && b.branchOffice() != null && validAmount(b.newParticipants())) {
                list.add(new Target(TargetRepository.BRANCH_OFFICE, b.branchOffice(), b.newParticipants()));
            }
        }
        for (int i = 0; i < partners.size(); i++) {
            PartnerTarget p = partners.get(i);
            String f = "partners[" + i + "]";
            if (p == null || p.partnerCode() == null || p.partnerCode().isBlank() || p.partnerCode().length() > 32) {
                errors.add(new FieldError(f + ".partnerCode", "INVALID_VALUE", "is required, at most 32 characters"));
            } else if (!seen.add("P:" + p.partnerCode())) {
                errors.add(new FieldError(f + ".partnerCode", "DUPLICATE", "appears twice"));
            }
            if (p == null || !validAmount(p.newParticipants())) {
                errors.add(new FieldError(f + ".newParticipants", "OUT_OF_RANGE", "must be between 1 and 100000000"));
            }
            if (p != null && p.partnerCode() != null && validAmount(p.newParticipants())) {
                list.add(new Target(TargetRepository.PARTNER, p.partnerCode(), p.newParticipants()));
            }
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(new InvalidInputException(errors));
        }
        List<String> codes = list.stream().filter(t -> t.subjectType().equals(TargetRepository.PARTNER))
                .map(Target::subject).toList();
        return targets.existingPartners(codes).flatMap(existing -> {
            List<FieldError> unknown = new ArrayList<>();
            for (int i = 0; i < partners.size(); i++) {
                if (!existing.contains(partners.get(i).partnerCode())) {
                    unknown.add(new FieldError("partners[" + i + "].partnerCode", "PARTNER_NOT_FOUND",
                            "is not a partner"));
                }
            }
            if (!unknown.isEmpty()) {
                return Uni.createFrom().<Void> failure(new InvalidInputException(unknown));
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("branchOffices", offices.size());
            details.put("partners", partners.size());
            return targets.pool().withTransaction(tx -> targets.replace(tx, year, list)
                    .flatMap(v -> audit.record(tx, Actor.of(caller),
                            new AuditEntry("TARGETS_REPLACED", null, RESOURCE, String.valueOf(year), details))));
        }).flatMap(v -> targets(String.valueOf(year)));
    }

    private static boolean validAmount(Integer n) {
        return n != null && n >= 1 && n <= 100_000_000;
    }

    static int year(String text) {
        if (text != null && text.matches("^\\d{4}$")) {
            int y = Integer.parseInt(text);
            if (y >= 2000 && y <= 2100) {
                return y;
            }
        }
        throw new InvalidInputException("year", "INVALID_YEAR", "must be a year between 2000 and 2100");
    }
}
