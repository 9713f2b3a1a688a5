package id.perisai.api.registration.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.batch.spi.RecordOutcome;
import id.perisai.api.batch.spi.Stager;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.registration.repository.RegistrationBatchRepository;
import id.perisai.api.registration.rules.RegistrationRecordValidator;
import id.perisai.api.registration.rules.RegistrationRecordValidator.AgentRef;
import id.perisai.api.registration.rules.RegistrationRecordValidator.Result;
import id.perisai.api.registration.rules.RegistrationRecordValidator.ValidRegistration;
import id.perisai.api.security.crypto.PiiCrypto;

/**
 * Registration records of one batch: validated (every error collected), NIK encrypted and blind-indexed, a NIK seen
 * earlier in the batch settled at once as DUPLICATE_IN_BATCH, and the rest staged a chunk at a time as one compact
 * value ({@link RegistrationChunk}); REJECTED and DUPLICATE outcomes are written with their chunk.
 */
public final class RegistrationStager implements Stager<RegistrationStager.Prepared> {

    static final String DUPLICATE_IN_BATCH = "[{\"field\":\"nik\",\"code\":\"DUPLICATE_IN_BATCH\","
            + "\"message\":\"the same NIK is in record %d of this batch\"}]";

    /** Outcomes settled while receiving (REJECTED, or DUPLICATE in the batch), as the statement's arrays. */
    static final class Settled {
        final List<Integer> idx = new ArrayList<>();
        final List<String> status = new ArrayList<>();
        final List<String> externalRef = new ArrayList<>();
        final List<String> errors = new ArrayList<>();

        void add(int index, RecordOutcome outcome, String ref, String errorsJson) {
            idx.add(index);
            status.add(outcome.name());
            externalRef.add(ref);
            errors.add(errorsJson);
        }

        int size() {
            return idx.size();
        }
    }

    private final RegistrationRecordValidator validator;
    private final Map<String, AgentRef> agents;
    private final PiiCrypto crypto;
    private final ObjectMapper json;
    private final RegistrationBatchRepository repository;
    private final LocalDate today;
    private final int chunkSize;
    private final BlindIndexSet seen = new BlindIndexSet();
    private RegistrationChunk.Writer chunk = new RegistrationChunk.Writer();
    private Settled settled = new Settled();
    private int chunks;
    private int duplicates;

    RegistrationStager(RegistrationRecordValidator validator, Map<String, AgentRef> agents, PiiCrypto crypto,
            ObjectMapper json, RegistrationBatchRepository repository, LocalDate today, int chunkSize) {
        this.validator = validator;
        this.agents = agents;
        this.crypto = crypto;
        this.json = json;
        this.repository = repository;
        this.today = today;
        this.chunkSize = chunkSize;
    }

    /** A validated record with its NIK's blind index and ciphertext. */
    public record Prepared(int index, Result result, byte[] nikIndex, byte[] nikCipher) {
    }

    @Override
    public Prepared prepare(int index, ObjectNode record, boolean textual) {
        Result result = validator.validate(record, textual, today, agents::get);
        if (!result.isValid()) {
            return new Prepared(index, result, null, null);
        }
        String nik = result.valid().nik().digits();
        return new Prepared(index, result, crypto.blindIndex(nik), crypto.encrypt(nik));
    }

    @Override
    public List<FieldError> add(Prepared prepared) {
        int index = prepared.index();
        Result result = prepared.result();
        if (result.isValid()) {
            ValidRegistration v = result.valid();
            int first = seen.putIfAbsent(prepared.nikIndex(), index);
            if (first > 0) {
                duplicates++;
                settled.add(index, RecordOutcome.DUPLICATE, v.externalRef(), DUPLICATE_IN_BATCH.formatted(first));
                return List.of();
            }
            chunk.add(index, prepared.nikIndex(), prepared.nikCipher(), v.nik().masked(), v.fullName(), v.birthDate(),
                    v.gender(), v.phone(), v.email(), v.occupation().name(), v.monthlyIncome(), v.jht(), v.agentId(),
                    v.externalRef(), v.address(), v.regionCode());
            return List.of();
        }
        try {
            settled.add(index, RecordOutcome.REJECTED, result.externalRef(), json.writeValueAsString(result.errors()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return result.errors();
    }

    @Override
    public int buffered() {
        return chunk.count() + settled.size();
    }

    @Override
    public int flushAt() {
        return chunkSize;
    }

    @Override
    public int duplicates() {
        return duplicates;
    }

    @Override
    public ChunkWrite take(UUID batchId) {
        RegistrationChunk.Writer full = chunk;
        Settled outcomes = settled;
        chunk = new RegistrationChunk.Writer();
        settled = new Settled();
        int number = full.count() > 0 ? ++chunks : 0;
        return tx -> repository.stage(tx, batchId, number, full, outcomes.idx.toArray(new Integer[0]),
                outcomes.status.toArray(new String[0]), outcomes.externalRef.toArray(new String[0]),
                outcomes.errors.toArray(new String[0]));
    }
}
