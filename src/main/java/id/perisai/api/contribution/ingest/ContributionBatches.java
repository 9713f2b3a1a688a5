package id.perisai.api.contribution.ingest;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.batch.spi.BatchDefinition;
import id.perisai.api.batch.spi.BatchKind;
import id.perisai.api.batch.spi.BatchProcessor;
import id.perisai.api.batch.spi.RecordResult;
import id.perisai.api.batch.spi.ResultView;
import id.perisai.api.batch.spi.Stager;
import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.contribution.dto.ContributionRecordResult;
import id.perisai.api.contribution.repository.ContributionBatchRepository;
import id.perisai.api.contribution.service.ContributionProcessor;
import id.perisai.api.security.crypto.PiiCrypto;
import io.vertx.mutiny.sqlclient.Row;

/** Contribution batches as a kind of the batch engine: payment records (rules.md §4). */
@ApplicationScoped
public class ContributionBatches implements BatchDefinition<ContributionStager.Prepared, ContributionRecordResult> {

    public static final BatchKind KIND = new BatchKind("CONTRIBUTION", "Contribution batch", "/v1/contribution-batches",
            "contributions", List.of("contribution_input"), "contribution_result", "CONTRIBUTION_BATCH_ACCEPTED");

    /** Results: the contribution recorded, and the amount due when the paid one did not match. */
    static final ResultView<ContributionRecordResult> RESULTS = new ResultView<>() {
        @Override
        public List<String> columns() {
            return List.of("contribution_id", "expected_amount");
        }

        @Override
        public ContributionRecordResult details(RecordResult common, Row row) {
            return new ContributionRecordResult(common, row.getUUID("contribution_id"), row.getLong("expected_amount"));
        }

        @Override
        public List<String> csvHeader() {
            return List.of("contributionId", "expectedAmount");
        }

        @Override
        public Object[] csvCells(ContributionRecordResult r) {
            return new Object[] { r.contributionId(), r.expectedAmount() };
        }

        @Override
        public String csvFilename() {
            return "contribution-batch.csv";
        }
    };

    private final PiiCrypto crypto;
    private final ObjectMapper json;
    private final ContributionBatchRepository repository;
    private final ContributionProcessor processor;
    private final int stagingChunkSize;

    public ContributionBatches(PiiCrypto crypto, ObjectMapper json, ContributionBatchRepository repository,
            ContributionProcessor processor, PerisaiConfig config) {
        this.crypto = crypto;
        this.json = json;
        this.repository = repository;
        this.processor = processor;
        this.stagingChunkSize = config.batch().stagingChunkSize();
    }

    @Override
    public BatchKind kind() {
        return KIND;
    }

    @Override
    public Stager<ContributionStager.Prepared> stager(Submission submission) {
        return new ContributionStager(crypto, json, repository, submission.submittedAt(), stagingChunkSize);
    }

    @Override
    public BatchProcessor processor() {
        return processor;
    }

    @Override
    public ResultView<ContributionRecordResult> results() {
        return RESULTS;
    }
}
