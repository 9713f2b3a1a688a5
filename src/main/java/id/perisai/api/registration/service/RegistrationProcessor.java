package id.perisai.api.registration.service;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.common.batch.BatchKind;
import id.perisai.api.common.batch.BatchProcessor;
import id.perisai.api.common.batch.BatchRepository;
import id.perisai.api.common.batch.BatchRepository.Claimed;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.registration.repository.RegistrationBatchRepository;
import id.perisai.api.registration.repository.RegistrationBatchRepository.ChunkCounts;
import io.smallrye.mutiny.Uni;

/** Processes registration batches: one transaction and one set-based statement per chunk (see the repository). */
@ApplicationScoped
public class RegistrationProcessor implements BatchProcessor {

    private final BatchRepository batches;
    private final RegistrationBatchRepository registrations;

    public RegistrationProcessor(BatchRepository batches, RegistrationBatchRepository registrations) {
        this.batches = batches;
        this.registrations = registrations;
    }

    @Override
    public BatchKind kind() {
        return BatchKind.REGISTRATION;
    }

    @Override
    public ChunkOutcome processNext(Claimed batch, String owner, int chunkSize, Duration lease) {
        LocalDate month = batch.submittedAt().atZone(TimeSource.WIB).toLocalDate().withDayOfMonth(1);
        return batches.pool().withTransaction(tx -> batches.fence(tx, batch.id(), owner).flatMap(processedUntil -> {
            if (processedUntil == null) {
                return Uni.createFrom().<ChunkOutcome> nullItem();
            }
            return registrations.processChunk(tx, batch.id(), batch.partnerId(), batch.dryRun(), batch.submittedAt(),
                    month, processedUntil, chunkSize).flatMap(counts -> {
                        if (counts.records() == 0) {
                            return Uni.createFrom().item(ChunkOutcome.done());
                        }
                        int duplicate = counts.duplicateInBatch() + counts.alreadyRegistered();
                        return batches.advance(tx, batch.id(), counts.lastIndex(), counts.accepted(), duplicate, 0, lease)
                                .replaceWith(outcome(counts, duplicate));
                    });
        })).await().indefinitely();
    }

    private static ChunkOutcome outcome(ChunkCounts counts, int duplicate) {
        Map<String, Integer> codes = new LinkedHashMap<>();
        codes.put("DUPLICATE_IN_BATCH", counts.duplicateInBatch());
        codes.put("ALREADY_REGISTERED", counts.alreadyRegistered());
        return new ChunkOutcome(counts.records(), counts.accepted(), duplicate, 0, codes);
    }
}
