package id.perisai.api.participant.service;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.identity.Nik;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.common.web.Ids;
import id.perisai.api.participant.dto.ParticipantResponse;
import id.perisai.api.participant.repository.ParticipantRepository;
import id.perisai.api.participant.repository.ParticipantRepository.ParticipantRow;
import id.perisai.api.security.Caller;
import id.perisai.api.security.crypto.PiiCrypto;
import io.smallrye.mutiny.Uni;

/** Participants as their partner sees them: only those it registered or manages; anything else is 404. */
@ApplicationScoped
public class ParticipantService {

    private final ParticipantRepository participants;
    private final PiiCrypto crypto;
    private final TimeSource time;

    public ParticipantService(ParticipantRepository participants, PiiCrypto crypto, TimeSource time) {
        this.participants = participants;
        this.crypto = crypto;
        this.time = time;
    }

    public Uni<ParticipantResponse> get(Caller caller, String participantId) {
        UUID id = Ids.uuid(participantId);
        if (id == null) {
            return Uni.createFrom().failure(notFound());
        }
        return participants.findVisibleTo(id, caller.requirePartnerId(), time.currentMonthWib()).onItem().ifNull()
                .failWith(ParticipantService::notFound)
                .map(ParticipantService::toResponse);
    }

    public Uni<ParticipantResponse> search(Caller caller, String nik) {
        if (nik == null || nik.isBlank()) {
            return Uni.createFrom().failure(new InvalidInputException("nik", "REQUIRED", "is required"));
        }
        String code = Nik.check(nik);
        if (code != null) {
            return Uni.createFrom().failure(new InvalidInputException("nik", code, "must be a valid 16-digit NIK"));
        }
        byte[] index = crypto.blindIndex(Nik.of(nik).orElseThrow().digits());
        return participants.findVisibleToByNikIndex(index, caller.requirePartnerId(), time.currentMonthWib())
                .onItem().ifNull().failWith(ParticipantService::notFound)
                .map(ParticipantService::toResponse);
    }

    static ResourceNotFoundException notFound() {
        return new ResourceNotFoundException("Participant");
    }

    static ParticipantResponse toResponse(ParticipantRow p) {
        List<String> programs = new ArrayList<>(List.of("JKK", "JKM"));
        if (p.jht()) {
            programs.add("JHT");
        }
        return new ParticipantResponse(p.id(), p.nikMasked(), p.fullName(), p.gender(), p.birthDate(), p.occupation(),
                p.monthlyIncome(), programs, p.status(), p.registeredAt(), p.agentCode(),
                p.coveredUntil() == null ? null : YearMonth.from(p.coveredUntil()));
    }
}
