package id.perisai.api.registration.ingest;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.agent.repository.AgentRepository;
import id.perisai.api.common.batch.BatchKind;
import id.perisai.api.common.batch.BatchType;
import id.perisai.api.common.batch.Stager;
import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.registration.repository.RegistrationBatchRepository;
import id.perisai.api.registration.rules.RegistrationRecordValidator;
import id.perisai.api.registration.rules.RegistrationRecordValidator.AgentRef;
import id.perisai.api.registration.rules.RegistrationRules;
import id.perisai.api.security.Caller;
import id.perisai.api.security.crypto.PiiCrypto;

/** Registration batches as the generic intake sees them. */
@ApplicationScoped
public class RegistrationBatches implements BatchType {

    private final AgentRepository agents;
    private final PiiCrypto crypto;
    private final ObjectMapper json;
    private final RegistrationBatchRepository repository;
    private final RegistrationRecordValidator validator;
    private final int chunkSize;

    public RegistrationBatches(AgentRepository agents, PiiCrypto crypto, ObjectMapper json,
            RegistrationBatchRepository repository, PerisaiConfig config) {
        this.agents = agents;
        this.crypto = crypto;
        this.json = json;
        this.repository = repository;
        this.chunkSize = config.batch().chunkSize();
        var r = config.registration();
        this.validator = new RegistrationRecordValidator(
                new RegistrationRules(r.minAge(), r.maxAgeExclusive(), r.minMonthlyIncome(), r.maxMonthlyIncome()));
    }

    @Override
    public BatchKind kind() {
        return BatchKind.REGISTRATION;
    }

    /** Loads the partner's agents once: records are checked against this map, not a query each. */
    @Override
    public Stager<?> stager(Caller caller, LocalDate today) {
        Map<String, AgentRef> byCode = new HashMap<>();
        agents.keysOfPartner(caller.requirePartnerId()).await().indefinitely()
                .forEach(a -> byCode.put(a.agentCode(), new AgentRef(a.id(), a.status())));
        return new RegistrationStager(validator, byCode, crypto, json, repository, today, chunkSize);
    }
}
