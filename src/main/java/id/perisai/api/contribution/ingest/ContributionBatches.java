package id.perisai.api.contribution.ingest;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.common.batch.BatchKind;
import id.perisai.api.common.batch.BatchType;
import id.perisai.api.common.batch.Stager;
import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.contribution.repository.ContributionBatchRepository;
import id.perisai.api.security.Caller;
import id.perisai.api.security.crypto.PiiCrypto;

/** Contribution batches as the generic intake sees them. */
@ApplicationScoped
public class ContributionBatches implements BatchType {

    private final PiiCrypto crypto;
    private final ObjectMapper json;
    private final ContributionBatchRepository repository;
    private final TimeSource time;
    private final int stagingChunkSize;

    public ContributionBatches(PiiCrypto crypto, ObjectMapper json, ContributionBatchRepository repository,
            TimeSource time, PerisaiConfig config) {
        this.crypto = crypto;
        this.json = json;
        this.repository = repository;
        this.time = time;
        this.stagingChunkSize = config.batch().stagingChunkSize();
    }

    @Override
    public BatchKind kind() {
        return BatchKind.CONTRIBUTION;
    }

    @Override
    public Stager<?> stager(Caller caller, LocalDate today) {
        return new ContributionStager(crypto, json, repository, time.now(), stagingChunkSize);
    }
}
