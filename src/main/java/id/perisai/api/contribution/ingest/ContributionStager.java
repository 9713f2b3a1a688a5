package id.perisai.api.contribution.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.batch.spi.Stager;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.contribution.repository.ContributionBatchRepository;
import id.perisai.api.contribution.rules.ContributionRecordValidator;
import id.perisai.api.contribution.rules.ContributionRecordValidator.Result;
import id.perisai.api.contribution.rules.ContributionRecordValidator.ValidContribution;
import id.perisai.api.security.crypto.PiiCrypto;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Tuple;

/** Contribution records of one batch: their form checked (every error), the NIK replaced by its blind index. */
public final class ContributionStager implements Stager<ContributionStager.Prepared> {

    /** Column arrays of a chunk. */
    static final class Chunk {
        final List<Integer> idx = new ArrayList<>();
        final List<Buffer> nikIndex = new ArrayList<>();
        final List<String> paymentRef = new ArrayList<>();
        final List<LocalDate> periodStart = new ArrayList<>();
        final List<Integer> months = new ArrayList<>();
        final List<Long> amount = new ArrayList<>();
        final List<String> payerType = new ArrayList<>();
        final List<String> payerName = new ArrayList<>();
        final List<OffsetDateTime> paidAt = new ArrayList<>();
        final List<String> externalRef = new ArrayList<>();
        final List<Integer> rejectedIdx = new ArrayList<>();
        final List<String> rejectedRef = new ArrayList<>();
        final List<String> rejectedErrors = new ArrayList<>();

        int size() {
            return idx.size() + rejectedIdx.size();
        }

        Tuple tuple(UUID batchId) {
            return Tuple.from(new Object[] { batchId, idx.toArray(new Integer[0]), nikIndex.toArray(new Buffer[0]),
                    paymentRef.toArray(new String[0]), periodStart.toArray(new LocalDate[0]), months.toArray(new Integer[0]),
                    amount.toArray(new Long[0]), payerType.toArray(new String[0]), payerName.toArray(new String[0]),
                    paidAt.toArray(new OffsetDateTime[0]), externalRef.toArray(new String[0]),
                    rejectedIdx.toArray(new Integer[0]), rejectedRef.toArray(new String[0]),
                    rejectedErrors.toArray(new String[0]) });
        }
    }

    private final PiiCrypto crypto;
    private final ObjectMapper json;
    private final ContributionBatchRepository repository;
    private final Instant submittedAt;
    private Chunk chunk = new Chunk();

    private final int flushAt;

    ContributionStager(PiiCrypto crypto, ObjectMapper json, ContributionBatchRepository repository, Instant submittedAt,
            int flushAt) {
        this.flushAt = flushAt;
        this.crypto = crypto;
        this.json = json;
        this.repository = repository;
        this.submittedAt = submittedAt;
    }

    /** A validated record and its NIK's blind index. */
    public record Prepared(int index, Result result, byte[] nikIndex) {
    }

    @Override
    public Prepared prepare(int index, ObjectNode record, boolean textual) {
        Result result = ContributionRecordValidator.validate(record, textual, submittedAt);
        return new Prepared(index, result, result.valid() == null ? null : crypto.blindIndex(result.valid().nik().digits()));
    }

    @Override
    public List<FieldError> add(Prepared prepared) {
        int index = prepared.index();
        Result result = prepared.result();
        if (result.valid() != null) {
            ValidContribution v = result.valid();
            chunk.idx.add(index);
            chunk.nikIndex.add(Buffer.buffer(prepared.nikIndex()));
            chunk.paymentRef.add(v.paymentRef());
            chunk.periodStart.add(v.periodStart().atDay(1));
            chunk.months.add(v.months());
            chunk.amount.add(v.amount());
            chunk.payerType.add(v.payerType().name());
            chunk.payerName.add(v.payerName());
            chunk.paidAt.add(v.paidAt());
            chunk.externalRef.add(v.externalRef());
            return List.of();
        }
        chunk.rejectedIdx.add(index);
        chunk.rejectedRef.add(result.externalRef());
        try {
            chunk.rejectedErrors.add(json.writeValueAsString(result.errors()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return result.errors();
    }

    @Override
    public int flushAt() {
        return flushAt;
    }

    @Override
    public int buffered() {
        return chunk.size();
    }

    @Override
    public ChunkWrite take(UUID batchId) {
        Tuple full = chunk.tuple(batchId);
        chunk = new Chunk();
        return tx -> repository.stage(tx, full);
    }
}
