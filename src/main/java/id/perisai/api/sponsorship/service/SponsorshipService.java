package id.perisai.api.sponsorship.service;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.audit.AuditEntry;
import id.perisai.api.common.audit.AuditEntry.Actor;
import id.perisai.api.common.audit.AuditLog;
import id.perisai.api.common.csv.CsvCells;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.common.web.Ids;
import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.security.Caller;
import id.perisai.api.sponsorship.dto.CreateSponsorshipRequest;
import id.perisai.api.sponsorship.dto.MemberResponse;
import id.perisai.api.sponsorship.dto.SponsorshipResponse;
import id.perisai.api.sponsorship.dto.UpdateSponsorshipRequest;
import id.perisai.api.sponsorship.repository.SponsorshipRepository;
import id.perisai.api.sponsorship.repository.SponsorshipRepository.MemberRow;
import id.perisai.api.sponsorship.repository.SponsorshipRepository.SponsorshipRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sponsorships (growth.md §2): created and ended by agency staff for a partner and a payer; each partner sees its own
 * (another partner's answer 404) and their rosters.
 */
@ApplicationScoped
public class SponsorshipService {

    /** Members read at once for a CSV roster or an invoice: a sponsorship's largest possible roster. */
    static final int ALL = 1_000_000;

    private final SponsorshipRepository repository;
    private final AuditLog audit;
    private final TimeSource time;

    public SponsorshipService(SponsorshipRepository repository, AuditLog audit, TimeSource time) {
        this.repository = repository;
        this.audit = audit;
        this.time = time;
    }

    public Uni<SponsorshipResponse> create(CreateSponsorshipRequest request, Caller caller) {
        YearMonth from = YearMonth.parse(request.fromMonth());
        YearMonth to = YearMonth.parse(request.toMonth());
        if (to.isBefore(from)) {
            return Uni.createFrom().failure(new InvalidInputException("toMonth", "OUT_OF_RANGE",
                    "must not be before fromMonth"));
        }
        UUID id = UUID.randomUUID();
        return repository.pool().withTransaction(tx -> tx.preparedQuery("select id from partner where code = $1")
                .execute(Tuple.of(request.partnerCode())).flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().failure(new InvalidInputException("partnerCode", "PARTNER_NOT_FOUND",
                                "no partner has this code"));
                    }
                    long partnerId = rows.iterator().next().getLong(0);
                    return repository.insert(tx, id, partnerId, request.payerType(), request.payerName().trim(),
                            request.reference(), from.atDay(1), to.atDay(1), request.maxMembers(),
                            time.now().atOffset(ZoneOffset.UTC))
                            .call(() -> audit.record(tx, Actor.of(caller),
                                    AuditEntry.of("SPONSORSHIP_CREATED", request.partnerCode(), "sponsorship", id.toString())
                                            .with(Map.of("payerType", request.payerType(), "fromMonth", from.toString(),
                                                    "toMonth", to.toString(), "maxMembers", request.maxMembers()))))
                            .flatMap(v -> repository.find(tx, id, null));
                })).map(SponsorshipRow::response);
    }

    public Uni<SponsorshipResponse> update(String sponsorshipId, UpdateSponsorshipRequest request, Caller caller) {
        UUID id = Ids.uuid(sponsorshipId);
        if (id == null) {
            return Uni.createFrom().failure(new ResourceNotFoundException("Sponsorship"));
        }
        return repository.pool().withTransaction(tx -> repository.find(tx, id, null).flatMap(s -> {
            if (s == null) {
                return Uni.createFrom().failure(new ResourceNotFoundException("Sponsorship"));
            }
            return repository.setStatus(tx, id, request.status())
                    .call(() -> audit.record(tx, Actor.of(caller), AuditEntry.of("SPONSORSHIP_UPDATED", s.partnerCode(),
                            "sponsorship", id.toString()).with(Map.of("status", request.status()))))
                    .flatMap(v -> repository.find(tx, id, null));
        })).map(SponsorshipRow::response);
    }

    /** The sponsorship for this caller: any for admin, only its own for a partner; else 404. */
    public Uni<SponsorshipRow> visible(Caller caller, String sponsorshipId) {
        UUID id = Ids.uuid(sponsorshipId);
        if (id == null) {
            return Uni.createFrom().failure(new ResourceNotFoundException("Sponsorship"));
        }
        return repository.find(id, caller.isPartner() ? caller.partnerId() : null).onItem().ifNull()
                .failWith(() -> new ResourceNotFoundException("Sponsorship"));
    }

    public Uni<SponsorshipResponse> get(Caller caller, String sponsorshipId) {
        return visible(caller, sponsorshipId).map(SponsorshipRow::response);
    }

    /** Newest first: a partner's own, or (admin) every one, optionally of one partner. */
    public Uni<Page<SponsorshipResponse>> list(Caller caller, String partnerCode, PageRequest page) {
        Instant before = null;
        UUID beforeId = null;
        if (page.after() != null) {
            String[] parts = page.after().split("\\|", 2);
            try {
                before = Instant.parse(parts[0]);
                beforeId = parts.length == 2 ? Ids.uuid(parts[1]) : null;
            } catch (DateTimeParseException e) {
                beforeId = null;
            }
            if (beforeId == null) {
                return Uni.createFrom().failure(new InvalidInputException("cursor", "INVALID_CURSOR",
                        "is not a cursor returned by this list"));
            }
        }
        Instant b = before;
        UUID bid = beforeId;
        Uni<Long> partner = caller.isPartner() ? Uni.createFrom().item(caller.partnerId())
                : partnerCode == null ? Uni.createFrom().nullItem()
                        : repository.pool().preparedQuery("select id from partner where code = $1")
                                .execute(Tuple.of(partnerCode))
                                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : -1L);
        return partner.flatMap(p -> repository.list(p, b, bid, page.fetchSize()))
                .map(rows -> Page.of(rows, page, r -> r.createdAt() + "|" + r.id()).map(SponsorshipRow::response));
    }

    public Uni<Page<MemberResponse>> members(Caller caller, String sponsorshipId, PageRequest page) {
        UUID after = page.after() == null ? null : Ids.uuid(page.after());
        if (page.after() != null && after == null) {
            return Uni.createFrom().failure(new InvalidInputException("cursor", "INVALID_CURSOR",
                    "is not a cursor returned by this list"));
        }
        return visible(caller, sponsorshipId)
                .flatMap(s -> repository.members(repository.pool(), s.id(), null, after, page.fetchSize(), false))
                .map(rows -> Page.of(rows, page, r -> r.participantId().toString()).map(SponsorshipService::member));
    }

    public Uni<List<MemberResponse>> allMembers(Caller caller, String sponsorshipId) {
        return visible(caller, sponsorshipId)
                .flatMap(s -> repository.members(repository.pool(), s.id(), null, null, ALL, false))
                .map(rows -> rows.stream().map(SponsorshipService::member).toList());
    }

    static MemberResponse member(MemberRow r) {
        return new MemberResponse(r.participantId(), r.nikMasked(), r.agentCode(), YearMonth.from(r.fromMonth()).toString(),
                r.coveredUntil() == null ? null : YearMonth.from(r.coveredUntil()).toString());
    }

    public static String membersCsv(List<MemberResponse> members) {
        StringBuilder sb = new StringBuilder();
        CsvCells.row(sb, "participantId", "nikMasked", "agentCode", "fromMonth", "coveredUntil");
        for (MemberResponse m : members) {
            CsvCells.row(sb, m.participantId(), m.nikMasked(), m.agentCode(), m.fromMonth(), m.coveredUntil());
        }
        return sb.toString();
    }
}
