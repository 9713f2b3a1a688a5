package id.perisai.api.registration.ingest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import id.perisai.api.common.batch.Stager;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.registration.repository.RegistrationBatchRepository;
import id.perisai.api.registration.rules.RegistrationRecordValidator;
import id.perisai.api.registration.rules.RegistrationRecordValidator.AgentRef;
import id.perisai.api.registration.rules.RegistrationRecordValidator.Result;
import id.perisai.api.registration.rules.RegistrationRecordValidator.ValidRegistration;
import id.perisai.api.security.crypto.PiiCrypto;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Registration records of one batch: validated (every error collected), NIK encrypted and indexed, staged in chunks. */
final class RegistrationStager implements Stager {

    private final RegistrationRecordValidator validator;
    private final Map<String, AgentRef> agents;
    private final PiiCrypto crypto;
    private final ObjectMapper json;
    private final RegistrationBatchRepository repository;
    private final LocalDate today;
    private StagingChunk chunk = new StagingChunk();

    RegistrationStager(RegistrationRecordValidator validator, Map<String, AgentRef> agents, PiiCrypto crypto,
            ObjectMapper json, RegistrationBatchRepository repository, LocalDate today) {
        this.validator = validator;
        this.agents = agents;
        this.crypto = crypto;
        this.json = json;
        this.repository = repository;
        this.today = today;
    }

    @Override
    public List<FieldError> add(int index, ObjectNode record, boolean textual) {
        Result result = validator.validate(record, textual, today, agents::get);
        if (result.isValid()) {
            ValidRegistration v = result.valid();
            String nik = v.nik().digits();
            chunk.addValid(index, crypto.blindIndex(nik), crypto.encrypt(nik), v.nik().masked(), v.fullName(),
                    v.birthDate(), v.gender(), v.phone(), v.email(), v.occupation().name(), v.monthlyIncome(), v.jht(),
                    v.agentId(), v.externalRef(), v.address(), v.regionCode());
            return List.of();
        }
        try {
            chunk.addRejected(index, result.externalRef(), json.writeValueAsString(result.errors()));
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
    public Uni<Long> flush(SqlClient transaction, UUID batchId) {
        StagingChunk full = chunk;
        chunk = new StagingChunk();
        return repository.stage(transaction, batchId, full);
    }
}
