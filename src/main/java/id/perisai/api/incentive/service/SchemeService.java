package id.perisai.api.incentive.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.audit.AuditEntry;
import id.perisai.api.common.audit.AuditEntry.Actor;
import id.perisai.api.common.audit.AuditLog;
import id.perisai.api.common.problem.ConflictException;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.incentive.dto.SchemeDto;
import id.perisai.api.incentive.repository.SchemeRepository;
import id.perisai.api.incentive.scheme.IncentiveScheme;
import id.perisai.api.incentive.scheme.IncentiveScheme.Band;
import id.perisai.api.incentive.scheme.SchemeCalculator;
import id.perisai.api.incentive.scheme.SchemeRules;
import id.perisai.api.security.Caller;
import io.smallrye.mutiny.Uni;

/**
 * Incentive scheme versions (admin). A version starts on the first day of a month after the current one; the
 * open-ended version in force before it ends the day before, so exactly one scheme applies to every period. Any
 * other overlap is a 409.
 */
@ApplicationScoped
public class SchemeService {

    static final String RESOURCE = "incentive-scheme";

    private final SchemeRepository repository;
    private final Schemes schemes;
    private final AuditLog audit;
    private final TimeSource time;

    public SchemeService(SchemeRepository repository, Schemes schemes, AuditLog audit, TimeSource time) {
        this.repository = repository;
        this.schemes = schemes;
        this.audit = audit;
        this.time = time;
    }

    public Uni<List<SchemeDto>> list() {
        return repository.all().map(list -> list.stream().map(SchemeService::toDto).toList());
    }

    public Uni<SchemeDto> get(String idText) {
        int id;
        try {
            id = Integer.parseInt(idText);
        } catch (NumberFormatException e) {
            return Uni.createFrom().failure(new ResourceNotFoundException("Incentive scheme"));
        }
        return repository.all().map(list -> list.stream().filter(s -> s.id() == id).findFirst().map(SchemeService::toDto)
                .orElseThrow(() -> new ResourceNotFoundException("Incentive scheme")));
    }

    public Uni<SchemeDto> create(SchemeDto request, Caller caller) {
        SchemeRules.Checked checked = SchemeRules.check(request, time.currentMonthWib());
        if (!checked.errors().isEmpty()) {
            return Uni.createFrom().failure(new InvalidInputException(checked.errors()));
        }
        IncentiveScheme scheme = checked.scheme();
        return repository.pool().withTransaction(tx -> repository.lockChanges(tx)
                .flatMap(v -> repository.all(tx))
                .flatMap(existing -> {
                    IncentiveScheme predecessor = null;
                    for (IncentiveScheme s : existing) {
                        if (!overlaps(s, scheme)) {
                            continue;
                        }
                        if (s.validTo() == null && s.validFrom().isBefore(scheme.validFrom()) && predecessor == null) {
                            predecessor = s;
                        } else {
                            return Uni.createFrom().<SchemeDto> failure(new ConflictException("The scheme would overlap "
                                    + s.code() + " in force " + s.validFrom() + " … "
                                    + (s.validTo() == null ? "open-ended" : s.validTo())));
                        }
                    }
                    IncentiveScheme ended = predecessor;
                    Uni<Void> end = ended == null ? Uni.createFrom().voidItem()
                            : repository.end(tx, ended.id(), scheme.validFrom().minusDays(1));
                    return end.flatMap(v -> repository.insert(tx, scheme)).flatMap(id -> {
                        Map<String, Object> details = new LinkedHashMap<>();
                        details.put("validFrom", scheme.validFrom().toString());
                        if (ended != null) {
                            details.put("endedSchemeId", ended.id());
                        }
                        return audit.record(tx, Actor.of(caller), new AuditEntry("INCENTIVE_SCHEME_CREATED", null, RESOURCE,
                                String.valueOf(id), details)).replaceWith(id);
                    }).map(id -> toDto(withId(scheme, id)));
                }))
                .invoke(schemes::invalidate);
    }

    static boolean overlaps(IncentiveScheme a, IncentiveScheme b) {
        boolean aEndsBeforeB = a.validTo() != null && a.validTo().isBefore(b.validFrom());
        boolean bEndsBeforeA = b.validTo() != null && b.validTo().isBefore(a.validFrom());
        return !aEndsBeforeB && !bEndsBeforeA;
    }

    static IncentiveScheme withId(IncentiveScheme s, int id) {
        return new IncentiveScheme(id, s.code(), s.name(), s.regulation(), s.validFrom(), s.validTo(),
                s.acquisitionAmount(), s.acquisitionAmountJht(), s.acquisitionMinimum(), s.milestoneAcquisitions(),
                s.milestoneBonus(), s.contributionBands(), s.partnerShareMode(), s.partnerSharePercent());
    }

    static SchemeDto toDto(IncentiveScheme s) {
        List<SchemeDto.Band> bands = new ArrayList<>();
        for (Band b : s.contributionBands()) {
            bands.add(new SchemeDto.Band(b.fromMonth(), b.toMonth(), SchemeCalculator.plain(b.percent())));
        }
        return new SchemeDto(s.id(), s.code(), s.name(), s.regulation(), s.validFrom(), s.validTo(),
                new SchemeDto.Acquisition(s.acquisitionAmount(), s.acquisitionAmountJht(), s.acquisitionMinimum()),
                s.milestoneAcquisitions() == null ? null
                        : new SchemeDto.Milestone(s.milestoneAcquisitions(), s.milestoneBonus()),
                bands,
                new SchemeDto.PartnerShare(s.partnerShareMode().name(), SchemeCalculator.plain(s.partnerSharePercent())));
    }
}
