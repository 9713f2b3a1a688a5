package id.perisai.api.sponsorship.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.batch.spi.Stager;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.security.crypto.PiiCrypto;
import id.perisai.api.sponsorship.repository.MemberBatchRepository;
import id.perisai.api.sponsorship.rules.MemberRecordValidator;
import id.perisai.api.sponsorship.rules.MemberRecordValidator.Result;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Tuple;

/** Member records of one batch: their form checked (every error), the NIK replaced by its blind index. */
final class MemberStager implements Stager<MemberStager.Prepared> {

    /** A validated record and its NIK's blind index. */
    record Prepared(int index, Result result, byte[] nikIndex) {
    }

    static final class Chunk {
        final List<Integer> idx = new ArrayList<>();
        final List<Buffer> nikIndex = new ArrayList<>();
        final List<String> action = new ArrayList<>();
        final List<LocalDate> fromMonth = new ArrayList<>();
        final List<String> externalRef = new ArrayList<>();
        final List<Integer> rejectedIdx = new ArrayList<>();
        final List<String> rejectedRef = new ArrayList<>();
        final List<String> rejectedErrors = new ArrayList<>();

        int size() {
            return idx.size() + rejectedIdx.size();
        }

        Tuple tuple(UUID batchId) {
            return Tuple.from(new Object[] { batchId, idx.toArray(new Integer[0]), nikIndex.toArray(new Buffer[0]),
                    action.toArray(new String[0]), fromMonth.toArray(new LocalDate[0]), externalRef.toArray(new String[0]),
                    rejectedIdx.toArray(new Integer[0]), rejectedRef.toArray(new String[0]),
                    rejectedErrors.toArray(new String[0]) });
        }
    }

    private final PiiCrypto crypto;
    private final ObjectMapper json;
    private final MemberBatchRepository repository;
    private final int flushAt;
    private Chunk chunk = new Chunk();

    MemberStager(PiiCrypto crypto, ObjectMapper json, MemberBatchRepository repository, int flushAt) {
        this.crypto = crypto;
        this.json = json;
        this.repository = repository;
        this.flushAt = flushAt;
    }

    @Override
    public Prepared prepare(int index, ObjectNode record, boolean textual) {
        Result result = MemberRecordValidator.validate(record);
        return new Prepared(index, result, result.valid() == null ? null : crypto.blindIndex(result.valid().nik().digits()));
    }

    @Override
    public List<FieldError> add(Prepared prepared) {
        Result result = prepared.result();
        if (result.valid() != null) {
            chunk.idx.add(prepared.index());
            chunk.nikIndex.add(Buffer.buffer(prepared.nikIndex()));
            chunk.action.add(result.valid().action().name());
            chunk.fromMonth.add(result.valid().fromMonth().atDay(1));
            chunk.externalRef.add(result.valid().externalRef());
            return List.of();
        }
        chunk.rejectedIdx.add(prepared.index());
        chunk.rejectedRef.add(result.externalRef());
        try {
            chunk.rejectedErrors.add(json.writeValueAsString(result.errors()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return result.errors();
    }

    @Override
    public int buffered() {
        return chunk.size();
    }

    @Override
    public int flushAt() {
        return flushAt;
    }

    @Override
    public ChunkWrite take(UUID batchId) {
        Tuple full = chunk.tuple(batchId);
        chunk = new Chunk();
        return tx -> repository.stage(tx, full);
    }
}
