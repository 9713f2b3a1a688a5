package id.perisai.api.batch;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestMulti;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.batch.queue.BatchRepository;
import id.perisai.api.batch.rest.BatchEndpoints;
import id.perisai.api.batch.rest.BatchResponse;
import id.perisai.api.batch.spi.BatchDefinition;
import id.perisai.api.batch.spi.BatchKind;
import id.perisai.api.batch.spi.BatchProcessor;
import id.perisai.api.batch.spi.ChunkResult;
import id.perisai.api.batch.spi.ClaimedBatch;
import id.perisai.api.batch.spi.KindResult;
import id.perisai.api.batch.spi.RecordOutcome;
import id.perisai.api.batch.spi.RecordResult;
import id.perisai.api.batch.spi.ResultView;
import id.perisai.api.batch.spi.Stager;
import id.perisai.api.common.ingest.RecordFields;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.common.problem.ResourceNotFoundException;
import id.perisai.api.common.web.Page;
import id.perisai.api.security.Caller;
import id.perisai.api.security.Scopes;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A kind of batch that exists only in the test build, to test the engine on its own: records {@code {"externalRef",
 * "value"}} of groups ({@code /test-only/groups/{groupId}/item-batches}, a kind with a parent), staged a row per
 * record; a value that is a multiple of 7 is a DUPLICATE ({@code SEVEN}), -1 makes the processor fail (to exercise
 * retries and FAILED), anything else is ACCEPTED with its double.
 */
@ApplicationScoped
public class TestItemBatches implements BatchDefinition<TestItemBatches.Prepared, TestItemBatches.ItemResult> {

    public static final BatchKind KIND = new BatchKind("TEST_ITEM", "Test item batch",
            "/test-only/groups/{groupId}/item-batches", "contributions", List.of("test_item_input"), "test_item_result",
            "TEST_ITEM_BATCH_ACCEPTED");
    /** Records a staged chunk holds: small, so that tests of a few dozen records stage in several transactions. */
    public static final int FLUSH_AT = 10;
    /** Processing calls that failed because of a value of -1. */
    public static final AtomicInteger FAILURES = new AtomicInteger();

    /** A test kind's result: the common part and the doubled value. */
    public record ItemResult(@JsonUnwrapped RecordResult common, Integer doubled) implements KindResult {
    }

    /** A validated record. */
    public record Prepared(int index, String externalRef, Integer value, List<FieldError> errors) {
    }

    static final ResultView<ItemResult> RESULTS = new ResultView<>() {
        @Override
        public List<String> columns() {
            return List.of("doubled");
        }

        @Override
        public ItemResult details(RecordResult common, Row row) {
            return new ItemResult(common, row.getInteger("doubled"));
        }

        @Override
        public List<String> csvHeader() {
            return List.of("doubled");
        }

        @Override
        public Object[] csvCells(ItemResult r) {
            return new Object[] { r.doubled() };
        }

        @Override
        public String csvFilename() {
            return "item-batch.csv";
        }
    };

    private final BatchRepository batches;
    private final Processor processor;

    public TestItemBatches(BatchRepository batches) {
        this.batches = batches;
        this.processor = new Processor();
    }

    @Override
    public BatchKind kind() {
        return KIND;
    }

    @Override
    public Stager<Prepared> stager(Submission submission) {
        return new ItemStager();
    }

    @Override
    public BatchProcessor processor() {
        return processor;
    }

    @Override
    public ResultView<ItemResult> results() {
        return RESULTS;
    }

    /** Groups are named {@code g-…}; any other parent does not exist for anybody. */
    @Override
    public Uni<Void> requireParent(Caller caller, String parent) {
        return parent != null && parent.matches("g-[a-z0-9]{1,20}") ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new ResourceNotFoundException("Group"));
    }

    /** Stages a row per record (valid ones in test_item_input, refused ones straight as REJECTED results). */
    final class ItemStager implements Stager<Prepared> {
        final List<Prepared> buffer = new ArrayList<>();

        @Override
        public Prepared prepare(int index, ObjectNode record, boolean textual) {
            List<FieldError> errors = new ArrayList<>();
            RecordFields.refuseUnknown(record, List.of("externalRef", "value"), "test item", errors);
            JsonNode ref = record.get("externalRef");
            JsonNode value = record.get("value");
            BigInteger number = value == null ? null : RecordFields.integer(value, textual);
            if (number == null || number.compareTo(BigInteger.valueOf(-1)) < 0
                    || number.compareTo(BigInteger.valueOf(1_000_000)) > 0) {
                errors.add(new FieldError("value", "VALUE_INVALID", "must be a whole number from -1 to 1000000"));
            }
            return new Prepared(index, ref == null ? null : ref.asText(), number == null ? null : number.intValue(),
                    errors);
        }

        @Override
        public List<FieldError> add(Prepared prepared) {
            buffer.add(prepared);
            return prepared.errors();
        }

        @Override
        public int buffered() {
            return buffer.size();
        }

        @Override
        public int flushAt() {
            return FLUSH_AT;
        }

        @Override
        public ChunkWrite take(UUID batchId) {
            List<Prepared> chunk = List.copyOf(buffer);
            buffer.clear();
            List<Integer> idx = new ArrayList<>();
            List<Integer> values = new ArrayList<>();
            List<String> refs = new ArrayList<>();
            List<Integer> rejectedIdx = new ArrayList<>();
            List<String> rejectedRefs = new ArrayList<>();
            for (Prepared p : chunk) {
                if (p.errors().isEmpty()) {
                    idx.add(p.index());
                    values.add(p.value());
                    refs.add(p.externalRef());
                } else {
                    rejectedIdx.add(p.index());
                    rejectedRefs.add(p.externalRef());
                }
            }
            return tx -> tx
                    .preparedQuery(
                            """
                                    with valid as (
                                        insert into test_item_input (batch_id, idx, item_value, external_ref)
                                        select $1, t.* from unnest($2::int4[], $3::int4[], $4::text[]) as t
                                        returning 1
                                    ), rejected as (
                                        insert into test_item_result (batch_id, idx, status, external_ref, errors)
                                        select $1, t.idx, 'REJECTED', t.ref,
                                               '[{"field":"value","code":"VALUE_INVALID","message":"must be a whole number from -1 to 1000000"}]'
                                          from unnest($5::int4[], $6::text[]) as t(idx, ref)
                                        returning 1
                                    )
                                    select (select count(*) from valid) + (select count(*) from rejected)
                                    """)
                    .execute(Tuple.from(new Object[] { batchId, idx.toArray(new Integer[0]),
                            values.toArray(new Integer[0]), refs.toArray(new String[0]), rejectedIdx.toArray(new Integer[0]),
                            rejectedRefs.toArray(new String[0]) }))
                    .map(rows -> rows.iterator().next().getLong(0));
        }
    }

    /** Decides the staged records after the progress pointer, a chunk at a time, in a fenced transaction. */
    final class Processor implements BatchProcessor {

        @Override
        public ChunkResult processNext(ClaimedBatch batch, String owner, int chunkSize, Duration lease) {
            return batches.pool().withTransaction(tx -> batches.fence(tx, batch.id(), owner).flatMap(after -> {
                if (after == null) {
                    return Uni.createFrom().item(ChunkResult.LEASE_LOST);
                }
                return tx.preparedQuery("""
                        select idx, item_value, external_ref from test_item_input
                         where batch_id = $1 and idx > $2 order by idx limit $3
                        """).execute(Tuple.of(batch.id(), after, chunkSize)).flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(ChunkResult.DONE);
                    }
                    List<Integer> idx = new ArrayList<>();
                    List<String> status = new ArrayList<>();
                    List<String> refs = new ArrayList<>();
                    List<Integer> doubled = new ArrayList<>();
                    List<String> errors = new ArrayList<>();
                    int accepted = 0;
                    int duplicate = 0;
                    int last = after;
                    for (Row r : rows) {
                        int value = r.getInteger("item_value");
                        if (value == -1) {
                            FAILURES.incrementAndGet();
                            throw new IllegalStateException("a record this processor cannot handle");
                        }
                        idx.add(r.getInteger("idx"));
                        refs.add(r.getString("external_ref"));
                        last = r.getInteger("idx");
                        if (value % 7 == 0) {
                            duplicate++;
                            status.add(RecordOutcome.DUPLICATE.name());
                            doubled.add(null);
                            errors.add("[{\"field\":\"value\",\"code\":\"SEVEN\",\"message\":\"a multiple of seven\"}]");
                        } else {
                            accepted++;
                            status.add(RecordOutcome.ACCEPTED.name());
                            doubled.add(value * 2);
                            errors.add(null);
                        }
                    }
                    int a = accepted;
                    int d = duplicate;
                    int through = last;
                    return tx.preparedQuery("""
                            insert into test_item_result (batch_id, idx, status, external_ref, doubled, errors)
                            select $1, t.* from unnest($2::int4[], $3::text[], $4::text[], $5::int4[], $6::text[]) as t
                            """).execute(Tuple.from(new Object[] { batch.id(), idx.toArray(new Integer[0]),
                            status.toArray(new String[0]), refs.toArray(new String[0]), doubled.toArray(new Integer[0]),
                            errors.toArray(new String[0]) }))
                            .flatMap(v -> batches.advance(tx, batch.id(), through, a, d, 0, lease))
                            .replaceWith((ChunkResult) new ChunkResult.Processed(idx.size(), a, d, 0,
                                    d > 0 ? Map.of("SEVEN", d) : Map.of()));
                });
            })).await().indefinitely();
        }

        @Override
        public boolean fail(ClaimedBatch batch, String owner, String reason) {
            return batches.fail(batch, owner, reason).await().indefinitely();
        }
    }

    /** The test kind's endpoints: what a capability's resource is, one-line delegations to the engine. */
    @Path("/test-only/groups/{groupId}/item-batches")
    public static class Resource {

        @Inject
        SecurityIdentity identity;

        @Inject
        BatchEndpoints batches;

        @Inject
        TestItemBatches items;

        @POST
        @RolesAllowed(Scopes.CONTRIBUTIONS_WRITE)
        @Operation(hidden = true)
        public Uni<Response> submit(@PathParam("groupId") String group, @Context RoutingContext request) {
            return batches.submit(items, identity, group, request);
        }

        @GET
        @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
        @Produces(MediaType.APPLICATION_JSON)
        @Operation(hidden = true)
        public Uni<Page<BatchResponse>> list(@PathParam("groupId") String group, @Context RoutingContext request) {
            return batches.list(items, identity, group, request);
        }

        @GET
        @Path("{batchId}")
        @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
        @Produces(MediaType.APPLICATION_JSON)
        @Operation(hidden = true)
        public Uni<BatchResponse> get(@PathParam("groupId") String group, @PathParam("batchId") String batchId) {
            return batches.get(items, identity, group, batchId);
        }

        @GET
        @Path("{batchId}/records")
        @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
        @Produces(MediaType.APPLICATION_JSON)
        @Operation(hidden = true)
        public Uni<Page<ItemResult>> records(@PathParam("groupId") String group, @PathParam("batchId") String batchId,
                @Context RoutingContext request) {
            return batches.records(items, identity, group, batchId, request);
        }

        @GET
        @Path("{batchId}/records")
        @RolesAllowed(Scopes.CONTRIBUTIONS_READ)
        @Produces("text/csv")
        @Operation(hidden = true)
        public RestMulti<String> recordsCsv(@PathParam("groupId") String group, @PathParam("batchId") String batchId,
                @Context RoutingContext request) {
            return batches.recordsCsv(items, identity, group, batchId, request);
        }
    }
}
