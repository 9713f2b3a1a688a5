package id.perisai.api.registration.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.agent.repository.AgentRepository;
import id.perisai.api.batch.spi.BatchDefinition;
import id.perisai.api.batch.spi.BatchKind;
import id.perisai.api.batch.spi.BatchProcessor;
import id.perisai.api.batch.spi.RecordResult;
import id.perisai.api.batch.spi.ResultView;
import id.perisai.api.batch.spi.Stager;
import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.registration.dto.RegistrationRecordResult;
import id.perisai.api.registration.repository.RegistrationBatchRepository;
import id.perisai.api.registration.rules.RegistrationRecordValidator;
import id.perisai.api.registration.rules.RegistrationRecordValidator.AgentRef;
import id.perisai.api.registration.rules.RegistrationRules;
import id.perisai.api.registration.service.RegistrationProcessor;
import id.perisai.api.security.crypto.PiiCrypto;
import io.vertx.mutiny.sqlclient.Row;

/** Registration batches as a kind of the batch engine: records of workers to register (rules.md §1–3). */
@ApplicationScoped
public class RegistrationBatches implements BatchDefinition<RegistrationStager.Prepared, RegistrationRecordResult> {

    public static final BatchKind KIND = new BatchKind("REGISTRATION", "Registration batch", "/v1/registration-batches",
            "registrations", List.of("registration_chunk"), "registration_result", "REGISTRATION_BATCH_ACCEPTED");

    /** Results: the participant registered (or reactivated) and whether it is new to the registry. */
    static final ResultView<RegistrationRecordResult> RESULTS = new ResultView<>() {
        @Override
        public List<String> columns() {
            return List.of("participant_id", "new_participant");
        }

        @Override
        public RegistrationRecordResult details(RecordResult common, Row row) {
            return new RegistrationRecordResult(common, row.getUUID("participant_id"), row.getBoolean("new_participant"));
        }

        @Override
        public List<String> csvHeader() {
            return List.of("participantId", "newParticipant");
        }

        @Override
        public Object[] csvCells(RegistrationRecordResult r) {
            return new Object[] { r.participantId(), r.newParticipant() };
        }

        @Override
        public String csvFilename() {
            return "registration-batch.csv";
        }
    };

    private final AgentRepository agents;
    private final PiiCrypto crypto;
    private final ObjectMapper json;
    private final RegistrationBatchRepository repository;
    private final RegistrationProcessor processor;
    private final RegistrationRecordValidator validator;
    private final int chunkSize;

    public RegistrationBatches(AgentRepository agents, PiiCrypto crypto, ObjectMapper json,
            RegistrationBatchRepository repository, RegistrationProcessor processor, PerisaiConfig config) {
        this.agents = agents;
        this.crypto = crypto;
        this.json = json;
        this.repository = repository;
        this.processor = processor;
        this.chunkSize = config.batch().chunkSize();
        var r = config.registration();
        this.validator = new RegistrationRecordValidator(
                new RegistrationRules(r.minAge(), r.maxAgeExclusive(), r.minMonthlyIncome(), r.maxMonthlyIncome()));
    }

    @Override
    public BatchKind kind() {
        return KIND;
    }

    /** Loads the partner's agents once: records are checked against this map, not a query each. */
    @Override
    public Stager<RegistrationStager.Prepared> stager(Submission submission) {
        Map<String, AgentRef> byCode = new HashMap<>();
        agents.keysOfPartner(submission.caller().requirePartnerId()).await().indefinitely()
                .forEach(a -> byCode.put(a.agentCode(), new AgentRef(a.id(), a.status())));
        return new RegistrationStager(validator, byCode, crypto, json, repository, submission.today(), chunkSize);
    }

    @Override
    public BatchProcessor processor() {
        return processor;
    }

    @Override
    public ResultView<RegistrationRecordResult> results() {
        return RESULTS;
    }
}
