package id.perisai.api.registration.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.registration.dto.BatchResponse;
import id.perisai.api.registration.dto.RecordResultResponse;
import id.perisai.api.registration.repository.RegistrationBatchRepository;
import id.perisai.api.registration.repository.RegistrationBatchRepository.BatchRow;
import id.perisai.api.registration.repository.RegistrationBatchRepository.ResultRow;
import id.perisai.api.security.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Reading batches and their per-record results; a partner sees only its own batches (others are 404). */
@ApplicationScoped
public class RegistrationQueryService {

    static final List<String> RESULT_STATUSES = List.of("ACCEPTED", "DUPLICATE", "REJECTED");
    static final int CSV_PAGE = 5000;

    private final RegistrationBatchRepository batches;

    public RegistrationQueryService(RegistrationBatchRepository batches) {
        this.batches = batches;
    }

    public Uni<BatchResponse> get(Caller caller, String batchId) {
        return find(caller, batchId).map(RegistrationBatchService::toResponse);
    }

    /** Newest first; the cursor carries the (submittedAt, id) of the last batch served. */
    public Uni<Page<BatchResponse>> list(Caller caller, PageRequest page) {
        Instant before = null;
        UUID beforeId = null;
        if (page.after() != null) {
            String[] parts = page.after().split("\\|", 2);
            try {
                before = Instant.ofEpochMilli(Long.parseLong(parts[0]));
                beforeId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw new InvalidInputException("cursor", "INVALID_CURSOR", "is not a cursor returned by this list");
            }
        }
        return batches.list(caller.requirePartnerId(), before, beforeId, page.fetchSize())
                .map(found -> Page.of(found, page, b -> b.submittedAt().toEpochMilli() + "|" + b.id())
                        .map(RegistrationBatchService::toResponse));
    }

    /** A page of results in index order; the cursor carries the last index served. */
    public Uni<Page<RecordResultResponse>> results(Caller caller, String batchId, PageRequest page, String status) {
        String filter = status(status);
        int after = afterIndex(page.after());
        return find(caller, batchId)
                .flatMap(batch -> batches.results(batch.id(), after, filter, page.fetchSize()))
                .map(found -> Page.of(found, page, r -> String.valueOf(r.index())).map(RegistrationQueryService::toResponse));
    }

    /**
     * Every result (optionally of one status) as CSV, streamed page by page from the database. The batch is looked up
     * first, so an unknown or foreign batch fails before anything is written (404).
     */
    public Multi<String> resultsCsv(Caller caller, String batchId, String status) {
        String filter = status(status);
        return find(caller, batchId).onItem().transformToMulti(batch -> {
            Multi<String> rows = Multi.createBy().repeating()
                    .uni(() -> new int[] { 0 }, last -> batches.results(batch.id(), last[0], filter, CSV_PAGE)
                            .invoke(page -> {
                                if (!page.isEmpty()) {
                                    last[0] = page.get(page.size() - 1).index();
                                }
                            }))
                    .until(List::isEmpty)
                    .map(RegistrationQueryService::csv);
            return Multi.createBy().concatenating().streams(Multi.createFrom().item(ResultsCsv.HEADER), rows);
        });
    }

    Uni<BatchRow> find(Caller caller, String batchId) {
        UUID id = uuid(batchId);
        if (id == null) {
            return Uni.createFrom().failure(new ResourceNotFoundException("Registration batch"));
        }
        return batches.find(id, caller.requirePartnerId())
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException("Registration batch"));
    }

    static String status(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        if (!RESULT_STATUSES.contains(status)) {
            throw new InvalidInputException("status", "INVALID_VALUE", "must be one of ACCEPTED, DUPLICATE, REJECTED");
        }
        return status;
    }

    static int afterIndex(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            return Integer.parseInt(cursor);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("cursor", "INVALID_CURSOR", "is not a cursor returned by this list");
        }
    }

    static UUID uuid(String value) {
        try {
            return value == null || value.length() != 36 ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static RecordResultResponse toResponse(ResultRow r) {
        return new RecordResultResponse(r.index(), r.externalRef(), r.status(), r.participantId(), r.newParticipant(),
                r.errorsJson());
    }

    private static String csv(List<ResultRow> page) {
        StringBuilder sb = new StringBuilder(page.size() * 80);
        for (ResultRow r : page) {
            ResultsCsv.append(sb, r);
        }
        return sb.toString();
    }
}
