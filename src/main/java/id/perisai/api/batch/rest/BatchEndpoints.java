package id.perisai.api.batch.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestMulti;

import id.perisai.api.batch.intake.BatchIntake;
import id.perisai.api.batch.queue.BatchRepository;
import id.perisai.api.batch.queue.BatchRepository.BatchRow;
import id.perisai.api.batch.spi.BatchDefinition;
import id.perisai.api.batch.spi.BatchKind;
import id.perisai.api.batch.spi.KindResult;
import id.perisai.api.batch.spi.RecordOutcome;
import id.perisai.api.batch.spi.RecordResult;
import id.perisai.api.batch.spi.ResultView;
import id.perisai.api.common.idempotency.IdempotencyKeys;
import id.perisai.api.common.problem.InvalidInputException;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.web.Ids;
import id.perisai.api.common.web.Page;
import id.perisai.api.common.web.PageRequest;
import id.perisai.api.common.web.PublicLinks;
import id.perisai.api.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP side of every kind of batch, once: the resources of the kinds keep their path, scopes and documentation and
 * delegate here in one line. Submitting (through {@link BatchIntake}), listing (newest first, keyset paging), reading a
 * batch, and its per-record results as JSON pages or one streamed CSV document. A partner sees only its own batches
 * (under the parent named in the path, for kinds that have one); anything else is 404.
 */
@ApplicationScoped
public class BatchEndpoints {

    static final int CSV_PAGE = 5000;

    private final BatchIntake intake;
    private final BatchRepository batches;
    private final PublicLinks links;

    public BatchEndpoints(BatchIntake intake, BatchRepository batches, PublicLinks links) {
        this.intake = intake;
        this.batches = batches;
        this.links = links;
    }

    /**
     * {@code POST} of a batch: 202 with the batch and its Location once it is stored (or the stored answer again). The
     * {@code Idempotency-Key} and {@code Content-Type} headers and the {@code dryRun} parameter are read here, for
     * every kind alike ({@link BatchOperationsFilter} documents them).
     */
    public Uni<Response> submit(BatchDefinition<?, ?> definition, SecurityIdentity identity, String parent,
            RoutingContext ctx) {
        String idempotencyKey = ctx.request().getHeader(IdempotencyKeys.HEADER);
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        boolean dry;
        try {
            dry = parseDryRun(query(ctx, "dryRun"));
        } catch (RuntimeException e) {
            id.perisai.api.common.ingest.upload.UploadReceiver.refuseBody(ctx);
            return Uni.createFrom().failure(e);
        }
        // from PERISAI_PUBLIC_BASE_URL, or relative: never from the request's Host
        String location = links.to(definition.kind().collectionPath(parent));
        return intake.submit(definition, Caller.of(identity), parent, idempotencyKey, contentType, dry, ctx, location)
                .map(BatchIntake.Accepted::response);
    }

    /** The partner's batches of a kind, newest first; the cursor carries the (submittedAt, id) of the last served. */
    public Uni<Page<BatchResponse>> list(BatchDefinition<?, ?> definition, SecurityIdentity identity, String parent,
            RoutingContext ctx) {
        PageRequest page = PageRequest.of(query(ctx, "limit"), query(ctx, "cursor"));
        Instant before = null;
        UUID beforeId = null;
        if (page.after() != null) {
            String[] parts = page.after().split("\\|", 2);
            try {
                before = Instant.ofEpochMilli(Long.parseLong(parts[0]));
                beforeId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                throw invalidCursor();
            }
        }
        Caller caller = Caller.of(identity);
        Instant from = before;
        UUID fromId = beforeId;
        return definition.requireParent(caller, parent)
                .flatMap(v -> batches.list(definition.kind(), caller.requirePartnerId(), parent, from, fromId,
                        page.fetchSize()))
                .map(found -> Page.of(found, page, b -> b.submittedAt().toEpochMilli() + "|" + b.id())
                        .map(BatchResponse::of));
    }

    /** One batch of the partner, or 404. */
    public Uni<BatchResponse> get(BatchDefinition<?, ?> definition, SecurityIdentity identity, String parent,
            String batchId) {
        return find(definition, Caller.of(identity), parent, batchId).map(BatchResponse::of);
    }

    /** A page of per-record results in index order (optionally of one outcome); the cursor is the last index. */
    public <R extends KindResult> Uni<Page<R>> records(BatchDefinition<?, R> definition, SecurityIdentity identity,
            String parent, String batchId, RoutingContext ctx) {
        RecordOutcome outcome = RecordOutcome.filter(query(ctx, "status"));
        PageRequest page = PageRequest.of(query(ctx, "limit"), query(ctx, "cursor"));
        int after = afterIndex(page.after());
        ResultView<R> view = definition.results();
        return find(definition, Caller.of(identity), parent, batchId)
                .flatMap(batch -> batches.results(definition.kind(), view, batch.id(), after, outcome,
                        page.fetchSize()))
                .map(found -> Page.of(found, page, r -> String.valueOf(r.common().index())));
    }

    /**
     * Every result (optionally of one outcome) as one CSV document, streamed page by page from the database. The batch
     * is looked up first, so an unknown or foreign batch fails before anything is written (404).
     */
    public <R extends KindResult> RestMulti<String> recordsCsv(BatchDefinition<?, R> definition,
            SecurityIdentity identity, String parent, String batchId, RoutingContext ctx) {
        RecordOutcome outcome = RecordOutcome.filter(query(ctx, "status"));
        ResultView<R> view = definition.results();
        BatchKind kind = definition.kind();
        List<String> header = new ArrayList<>(List.of("index", "externalRef", "status"));
        header.addAll(view.csvHeader());
        header.add("errors");
        Multi<String> lines = find(definition, Caller.of(identity), parent, batchId).onItem()
                .transformToMulti(batch -> ResultsCsv.stream(String.join(",", header),
                        after -> batches.results(kind, view, batch.id(), after, outcome, CSV_PAGE),
                        r -> r.common().index(), r -> cells(view, r)));
        return ResultsCsv.response(lines, view.csvFilename());
    }

    private static <R extends KindResult> Object[] cells(ResultView<R> view, R result) {
        RecordResult common = result.common();
        Object[] own = view.csvCells(result);
        Object[] cells = new Object[own.length + 4];
        cells[0] = common.index();
        cells[1] = common.externalRef();
        cells[2] = common.status();
        System.arraycopy(own, 0, cells, 3, own.length);
        cells[cells.length - 1] = ResultsCsv.codes(common.errors());
        return cells;
    }

    /** The partner's batch of this kind (under this parent), or 404. */
    private Uni<BatchRow> find(BatchDefinition<?, ?> definition, Caller caller, String parent, String batchId) {
        BatchKind kind = definition.kind();
        UUID id = Ids.uuid(batchId);
        if (id == null) {
            return Uni.createFrom().failure(new ResourceNotFoundException(kind.label()));
        }
        return definition.requireParent(caller, parent)
                .flatMap(v -> batches.find(kind, id, caller.requirePartnerId(), parent))
                .onItem().ifNull().failWith(() -> new ResourceNotFoundException(kind.label()));
    }

    /** A query parameter (the first, if repeated), decoded; null when absent. */
    static String query(RoutingContext ctx, String name) {
        List<String> values = ctx.queryParam(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** The last index served, from a results cursor. */
    static int afterIndex(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            return Integer.parseInt(cursor);
        } catch (NumberFormatException e) {
            throw invalidCursor();
        }
    }

    private static InvalidInputException invalidCursor() {
        return new InvalidInputException("cursor", "INVALID_CURSOR", "is not a cursor returned by this list");
    }

    static boolean parseDryRun(String value) {
        if (value == null || value.isEmpty() || "false".equalsIgnoreCase(value)) {
            return false;
        }
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        throw new InvalidInputException("dryRun", "INVALID_VALUE", "must be true or false");
    }
}
