package id.perisai.api.common.batch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.batch.BatchRepository.BatchRow;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.security.Caller;
import io.smallrye.mutiny.Uni;

/** Reading batches; a partner sees only its own (anything else is 404). */
@ApplicationScoped
public class BatchQueries {

    public static final List<String> RESULT_STATUSES = List.of("ACCEPTED", "DUPLICATE", "REJECTED");

    private final BatchRepository batches;

    public BatchQueries(BatchRepository batches) {
        this.batches = batches;
    }

    public Uni<BatchResponse> get(BatchKind kind, Caller caller, String batchId) {
        return find(kind, caller, batchId).map(BatchResponse::of);
    }

    /** Newest first; the cursor carries the (submittedAt, id) of the last batch served. */
    public Uni<Page<BatchResponse>> list(BatchKind kind, Caller caller, PageRequest page) {
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
        return batches.list(kind, caller.requirePartnerId(), before, beforeId, page.fetchSize())
                .map(found -> Page.of(found, page, b -> b.submittedAt().toEpochMilli() + "|" + b.id())
                        .map(BatchResponse::of));
    }

    /** The partner's batch of this kind, or 404. */
    public Uni<BatchRow> find(BatchKind kind, Caller caller, String batchId) {
        UUID id = uuid(batchId);
        if (id == null) {
            return Uni.createFrom().failure(new ResourceNotFoundException(kind.label()));
        }
        return batches.find(kind, id, caller.requirePartnerId())
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException(kind.label()));
    }

    /** A result status filter, or null; 400 for an unknown one. */
    public static String status(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        if (!RESULT_STATUSES.contains(status)) {
            throw new InvalidInputException("status", "INVALID_VALUE", "must be one of ACCEPTED, DUPLICATE, REJECTED");
        }
        return status;
    }

    /** The last index served, from a results cursor. */
    public static int afterIndex(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            return Integer.parseInt(cursor);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("cursor", "INVALID_CURSOR", "is not a cursor returned by this list");
        }
    }

    public static UUID uuid(String value) {
        try {
            return value == null || value.length() != 36 ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static boolean parseDryRun(String value) {
        if (value == null || value.isEmpty() || "false".equalsIgnoreCase(value)) {
            return false;
        }
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        throw new InvalidInputException("dryRun", "INVALID_VALUE", "must be true or false");
    }
}
