package id.perisai.api.registration.service;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.batch.BatchKind;
import id.perisai.api.common.batch.BatchQueries;
import id.perisai.api.common.batch.BatchResponse;
import id.perisai.api.common.batch.ResultsCsv;
import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.registration.dto.RecordResultResponse;
import id.perisai.api.registration.repository.RegistrationBatchRepository;
import id.perisai.api.registration.repository.RegistrationBatchRepository.ResultRow;
import id.perisai.api.security.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Reading registration batches and their per-record results; a partner sees only its own batches (others are 404). */
@ApplicationScoped
public class RegistrationQueryService {

    static final int CSV_PAGE = 5000;
    static final String CSV_HEADER = "index,externalRef,status,participantId,newParticipant,errors";
    static final BatchKind KIND = BatchKind.REGISTRATION;

    private final BatchQueries batches;
    private final RegistrationBatchRepository registrations;

    public RegistrationQueryService(BatchQueries batches, RegistrationBatchRepository registrations) {
        this.batches = batches;
        this.registrations = registrations;
    }

    public Uni<BatchResponse> get(Caller caller, String batchId) {
        return batches.get(KIND, caller, batchId);
    }

    public Uni<Page<BatchResponse>> list(Caller caller, PageRequest page) {
        return batches.list(KIND, caller, page);
    }

    /** A page of results in index order; the cursor carries the last index served. */
    public Uni<Page<RecordResultResponse>> results(Caller caller, String batchId, PageRequest page, String status) {
        String filter = BatchQueries.status(status);
        int after = BatchQueries.afterIndex(page.after());
        return batches.find(KIND, caller, batchId)
                .flatMap(batch -> registrations.results(batch.id(), after, filter, page.fetchSize()))
                .map(found -> Page.of(found, page, r -> String.valueOf(r.index())).map(RegistrationQueryService::toResponse));
    }

    /**
     * Every result (optionally of one status) as CSV, streamed page by page from the database. The batch is looked up
     * first, so an unknown or foreign batch fails before anything is written (404).
     */
    public Multi<String> resultsCsv(Caller caller, String batchId, String status) {
        String filter = BatchQueries.status(status);
        return batches.find(KIND, caller, batchId).onItem().transformToMulti(batch -> ResultsCsv.stream(CSV_HEADER,
                after -> registrations.results(batch.id(), after, filter, CSV_PAGE), ResultRow::index,
                r -> new Object[] { r.index(), r.externalRef(), r.status(), r.participantId(), r.newParticipant(),
                        ResultsCsv.codes(r.errorsJson()) }));
    }

    static RecordResultResponse toResponse(ResultRow r) {
        return new RecordResultResponse(r.index(), r.externalRef(), r.status(), r.participantId(), r.newParticipant(),
                r.errorsJson());
    }
}
