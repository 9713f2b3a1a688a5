package id.perisai.api.contribution.service;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.batch.BatchKind;
import id.perisai.api.common.batch.BatchQueries;
import id.perisai.api.common.batch.BatchResponse;
import id.perisai.api.common.batch.ResultsCsv;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.contribution.dto.ContributionRecordResponse;
import id.perisai.api.contribution.dto.ContributionResponse;
import id.perisai.api.contribution.repository.ContributionBatchRepository;
import id.perisai.api.contribution.repository.ContributionBatchRepository.ResultRow;
import id.perisai.api.contribution.repository.ContributionRepository;
import id.perisai.api.registration.repository.ParticipantRepository;
import id.perisai.api.security.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Reading contributions. Any partner may pay for any participant it can name by NIK, but reads back only its own
 * records: its own batches and their results, and the contributions of the participants it registered or manages.
 */
@ApplicationScoped
public class ContributionQueryService {

    static final BatchKind KIND = BatchKind.CONTRIBUTION;
    static final int CSV_PAGE = 5000;
    static final String CSV_HEADER = "index,externalRef,status,contributionId,expectedAmount,errors";

    private final BatchQueries batches;
    private final ContributionBatchRepository results;
    private final ContributionRepository contributions;
    private final ParticipantRepository participants;
    private final TimeSource time;

    public ContributionQueryService(BatchQueries batches, ContributionBatchRepository results,
            ContributionRepository contributions, ParticipantRepository participants, TimeSource time) {
        this.batches = batches;
        this.results = results;
        this.contributions = contributions;
        this.participants = participants;
        this.time = time;
    }

    public Uni<BatchResponse> get(Caller caller, String batchId) {
        return batches.get(KIND, caller, batchId);
    }

    public Uni<Page<BatchResponse>> list(Caller caller, PageRequest page) {
        return batches.list(KIND, caller, page);
    }

    public Uni<Page<ContributionRecordResponse>> results(Caller caller, String batchId, PageRequest page, String status) {
        String filter = BatchQueries.status(status);
        int after = BatchQueries.afterIndex(page.after());
        return batches.find(KIND, caller, batchId)
                .flatMap(batch -> results.results(batch.id(), after, filter, page.fetchSize()))
                .map(found -> Page.of(found, page, r -> String.valueOf(r.index())).map(ContributionQueryService::toResponse));
    }

    public Multi<String> resultsCsv(Caller caller, String batchId, String status) {
        String filter = BatchQueries.status(status);
        return batches.find(KIND, caller, batchId).onItem().transformToMulti(batch -> ResultsCsv.stream(CSV_HEADER,
                after -> results.results(batch.id(), after, filter, CSV_PAGE), ResultRow::index,
                r -> new Object[] { r.index(), r.externalRef(), r.status(), r.contributionId(), r.expectedAmount(),
                        ResultsCsv.codes(r.errorsJson()) }));
    }

    /** The contributions of a participant the partner registered or manages (others are 404), by period. */
    public Uni<Page<ContributionResponse>> ofParticipant(Caller caller, String participantId, PageRequest page) {
        LocalDate after = afterPeriod(page.after());
        var id = BatchQueries.uuid(participantId);
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

    static ContributionRecordResponse toResponse(ResultRow r) {
        return new ContributionRecordResponse(r.index(), r.externalRef(), r.status(), r.contributionId(),
                r.expectedAmount(), r.errorsJson());
    }
}
