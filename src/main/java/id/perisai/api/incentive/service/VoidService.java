package id.perisai.api.incentive.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.audit.AuditEntry;
import id.perisai.api.common.audit.AuditEntry.Actor;
import id.perisai.api.common.audit.AuditLog;
import id.perisai.api.common.problem.ConflictException;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.common.web.Ids;
import id.perisai.api.incentive.dto.VoidResponse;
import id.perisai.api.incentive.repository.LedgerRepository;
import id.perisai.api.incentive.repository.LedgerRepository.NewLine;
import id.perisai.api.incentive.repository.VoidRepository;
import id.perisai.api.incentive.repository.VoidRepository.Reversible;
import id.perisai.api.security.Caller;
import io.smallrye.mutiny.Uni;

/**
 * Voiding a registration (admin, e.g. fraud): the participant becomes VOID — it can no longer be paid for, earns
 * nothing more, and its NIK stays blocked for registration — and every incentive line it produced is reversed: in
 * the line's own period while that is open (it then no longer counts there, also towards the acquisition minimum),
 * else in the current period, for what was actually paid for it. One transaction.
 */
@ApplicationScoped
public class VoidService {

    static final String RESOURCE = "participant";

    private final VoidRepository voids;
    private final LedgerRepository ledger;
    private final AuditLog audit;
    private final IncentiveMetrics metrics;
    private final TimeSource time;

    public VoidService(VoidRepository voids, LedgerRepository ledger, AuditLog audit, IncentiveMetrics metrics,
            TimeSource time) {
        this.voids = voids;
        this.ledger = ledger;
        this.audit = audit;
        this.metrics = metrics;
        this.time = time;
    }

    public Uni<VoidResponse> voidParticipant(String participantIdText, String reason, Caller caller) {
        UUID participantId = Ids.uuid(participantIdText);
        if (participantId == null) {
            return Uni.createFrom().failure(new ResourceNotFoundException("Participant"));
        }
        OffsetDateTime now = time.now().atOffset(ZoneOffset.UTC);
        LocalDate current = time.currentMonthWib().atDay(1);
        List<NewLine> written = new ArrayList<>();
        return ledger.pool().withTransaction(tx -> voids.lockParticipant(tx, participantId).flatMap(status -> {
            if (status == null) {
                return Uni.createFrom().<VoidResponse> failure(new ResourceNotFoundException("Participant"));
            }
            if ("VOID".equals(status)) {
                return Uni.createFrom().<VoidResponse> failure(new ConflictException("The participant is already VOID"));
            }
            return voids.markVoid(tx, participantId, now, reason.strip())
                    .flatMap(v -> voids.reversibleLines(tx, participantId))
                    .flatMap(lines -> {
                        List<NewLine> reversals = reversals(lines, current);
                        boolean intoCurrent = reversals.stream().anyMatch(r -> r.period().equals(current));
                        Uni<String> currentOpen = intoCurrent ? ledger.lockPeriodShared(tx, current)
                                : Uni.createFrom().item("OPEN");
                        return currentOpen.flatMap(s -> {
                            if (!"OPEN".equals(s)) {
                                return Uni.createFrom().<Integer> failure(new ConflictException(
                                        "The current incentive period is closed; reversals cannot be booked"));
                            }
                            return ledger.insert(tx, reversals, now, false);
                        }).invoke(n -> written.addAll(reversals));
                    })
                    .flatMap(n -> audit.record(tx, Actor.of(caller), new AuditEntry("PARTICIPANT_VOIDED", null, RESOURCE,
                            participantId.toString(), Map.of("reversedLines", n))).replaceWith(n))
                    .map(n -> new VoidResponse(participantId, "VOID", now.toInstant(), n));
        })).invoke(r -> written.forEach(l -> metrics.line(l.type(), l.amount())));
    }

    /**
     * A REVERSAL per line: in the line's period while it is OPEN, for the whole amount; once it is CLOSED, in the
     * current period, for what the agent was paid for it (an acquisition below the monthly minimum was paid nothing).
     */
    static List<NewLine> reversals(List<Reversible> lines, LocalDate currentPeriod) {
        List<NewLine> reversals = new ArrayList<>();
        for (Reversible l : lines) {
            boolean open = "OPEN".equals(l.periodStatus());
            long paid = "ACQUISITION".equals(l.type()) && !open && !Boolean.TRUE.equals(l.minimumMet()) ? 0 : l.amount();
            reversals.add(new NewLine(open ? l.period() : currentPeriod, l.partnerId(), l.agentId(), l.schemeId(),
                    "REVERSAL", l.participantId(), l.sourceType(), l.sourceId(), l.basis(), l.rate(), -paid, null, l.id(),
                    l.type(), l.period()));
        }
        return reversals;
    }
}
