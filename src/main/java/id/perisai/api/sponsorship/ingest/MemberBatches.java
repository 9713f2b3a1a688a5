package id.perisai.api.sponsorship.ingest;

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
import id.perisai.api.security.Caller;
import id.perisai.api.security.crypto.PiiCrypto;
import id.perisai.api.sponsorship.dto.MemberRecordResult;
import id.perisai.api.sponsorship.repository.MemberBatchRepository;
import id.perisai.api.sponsorship.service.MemberProcessor;
import id.perisai.api.sponsorship.service.SponsorshipService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Member batches as a kind of the batch engine (growth.md §2): records {@code {"externalRef","nik","action",
 * "fromMonth"}} adding participants to a sponsorship's roster or removing them, under
 * {@code /v1/sponsorships/{sponsorshipId}/member-batches} (a sponsorship of another partner is a 404). Records count
 * against the {@code contributions} quota: a roster is what the sponsor's payments are for.
 */
@ApplicationScoped
public class MemberBatches implements BatchDefinition<MemberStager.Prepared, MemberRecordResult> {

    public static final BatchKind KIND = new BatchKind("SPONSORSHIP_MEMBER", "Member batch",
            "/v1/sponsorships/{sponsorshipId}/member-batches", "contributions", List.of("sponsorship_member_input"),
            "sponsorship_member_result", "MEMBER_BATCH_ACCEPTED");

    static final ResultView<MemberRecordResult> RESULTS = new ResultView<>() {
        @Override
        public List<String> columns() {
            return List.of("participant_id");
        }

        @Override
        public MemberRecordResult details(RecordResult common, Row row) {
            return new MemberRecordResult(common, row.getUUID("participant_id"));
        }

        @Override
        public List<String> csvHeader() {
            return List.of("participantId");
        }

        @Override
        public Object[] csvCells(MemberRecordResult r) {
            return new Object[] { r.participantId() };
        }

        @Override
        public String csvFilename() {
            return "member-batch.csv";
        }
    };

    private final PiiCrypto crypto;
    private final ObjectMapper json;
    private final MemberBatchRepository repository;
    private final MemberProcessor processor;
    private final SponsorshipService sponsorships;
    private final int stagingChunkSize;

    public MemberBatches(PiiCrypto crypto, ObjectMapper json, MemberBatchRepository repository, MemberProcessor processor,
            SponsorshipService sponsorships, PerisaiConfig config) {
        this.crypto = crypto;
        this.json = json;
        this.repository = repository;
        this.processor = processor;
        this.sponsorships = sponsorships;
        this.stagingChunkSize = config.batch().stagingChunkSize();
    }

    @Override
    public BatchKind kind() {
        return KIND;
    }

    @Override
    public Stager<MemberStager.Prepared> stager(Submission submission) {
        return new MemberStager(crypto, json, repository, stagingChunkSize);
    }

    @Override
    public BatchProcessor processor() {
        return processor;
    }

    @Override
    public ResultView<MemberRecordResult> results() {
        return RESULTS;
    }

    @Override
    public Uni<Void> requireParent(Caller caller, String parent) {
        return sponsorships.visible(caller, parent).replaceWithVoid();
    }
}
