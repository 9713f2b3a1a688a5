package id.perisai.api.contribution.service;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.common.web.Ids;
import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.contribution.dto.ContributionResponse;
import id.perisai.api.contribution.repository.ContributionRepository;
import id.perisai.api.participant.repository.ParticipantRepository;
import id.perisai.api.security.Caller;
import io.smallrye.mutiny.Uni;

/**
 * The contributions of a participant. Any partner may pay for any participant it can name by NIK, but reads back only
 * its own records: the contributions of the participants it registered or manages.
 */
@ApplicationScoped
public class ParticipantContributionService {

    private final ContributionRepository contributions;
    private final ParticipantRepository participants;
    private final TimeSource time;

    public ParticipantContributionService(ContributionRepository contributions, ParticipantRepository participants,
            TimeSource time) {
        this.contributions = contributions;
        this.participants = participants;
        this.time = time;
    }

    /** The contributions of a participant the partner registered or manages (others are 404), by period. */
    public Uni<Page<ContributionResponse>> ofParticipant(Caller caller, String participantId, PageRequest page) {
        LocalDate after = afterPeriod(page.after());
        var id = Ids.uuid(participantId);
        if (id == null) {
            return Uni.createFrom().failure(new ResourceNotFoundException("Participant"));
        }
        long partnerId = caller.requirePartnerId();
        return participants.findVisibleTo(id, partnerId, time.currentMonthWib())
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException("Participant"))
                .flatMap(p -> contributions.ofParticipant(p.id(), partnerId, after, page.fetchSize()))
                .map(found -> Page.of(found, page, ContributionResponse::periodStart));
    }

    static LocalDate afterPeriod(String cursor) {
        if (cursor == null) {
            return LocalDate.of(1900, 1, 1);
        }
        try {
            return YearMonth.parse(cursor).atDay(1);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("cursor", "INVALID_CURSOR", "is not a cursor returned by this list");
        }
    }
}
