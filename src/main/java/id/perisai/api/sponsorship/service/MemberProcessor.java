package id.perisai.api.sponsorship.service;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.batch.queue.BatchRepository;
import id.perisai.api.batch.spi.BatchProcessor;
import id.perisai.api.batch.spi.ChunkResult;
import id.perisai.api.batch.spi.ClaimedBatch;
import id.perisai.api.batch.spi.RecordOutcome;
import id.perisai.api.common.problem.FieldError;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.sponsorship.repository.MemberBatchRepository;
import id.perisai.api.sponsorship.repository.MemberBatchRepository.Decided;
import id.perisai.api.sponsorship.repository.MemberBatchRepository.LockedSponsorship;
import id.perisai.api.sponsorship.repository.MemberBatchRepository.Staged;
import id.perisai.api.sponsorship.rules.MemberAction;
import id.perisai.api.sponsorship.rules.MemberDecision;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Processes member batches a chunk at a time, each in one fenced transaction that first locks the sponsorship row (so
 * the member count and the roster are decided against their current state on every replica, and two batches adding
 * to one sponsorship serialise), then decides the records in submission order with {@link MemberDecision} — a later
 * record of the chunk sees what an earlier one changed — and writes the roster changes and the results in one
 * statement. A dry run decides the same way but writes the results only.
 */
@ApplicationScoped
public class MemberProcessor implements BatchProcessor {

    private final BatchRepository batches;
    private final MemberBatchRepository members;
    private final TimeSource time;
    private final ObjectMapper json;
    private final SponsorshipMetrics metrics;

    public MemberProcessor(BatchRepository batches, MemberBatchRepository members, TimeSource time, ObjectMapper json,
            SponsorshipMetrics metrics) {
        this.batches = batches;
        this.members = members;
        this.time = time;
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    public ChunkResult processNext(ClaimedBatch batch, String owner, int chunkSize, Duration lease) {
        UUID sponsorshipId = UUID.fromString(batch.parent());
        YearMonth current = time.currentMonthWib();
        int[] added = new int[1];
        ChunkResult result = batches.pool().withTransaction(tx -> batches.fence(tx, batch.id(), owner).flatMap(after -> {
            if (after == null) {
                return Uni.createFrom().item(ChunkResult.LEASE_LOST);
            }
            return members.next(tx, batch.id(), after, chunkSize).flatMap(staged -> {
                if (staged.isEmpty()) {
                    return Uni.createFrom().item(ChunkResult.DONE);
                }
                return round(tx, batch, sponsorshipId, staged, current, lease, added);
            });
        })).await().indefinitely();
        if (!batch.dryRun()) {
            metrics.membersAdded(added[0]);
        }
        return result;
    }

    private Uni<ChunkResult> round(SqlClient tx, ClaimedBatch batch, UUID sponsorshipId, List<Staged> staged,
            YearMonth current, Duration lease, int[] added) {
        List<Buffer> keys = staged.stream().map(Staged::nikIndex).distinct().toList();
        return members.lockSponsorship(tx, sponsorshipId).flatMap(locked -> members.participants(tx, keys)
                .flatMap(participants -> {
                    List<UUID> ids = participants.values().stream().map(MemberDecision.Participant::id).toList();
                    return members.memberships(tx, sponsorshipId, ids).flatMap(memberships -> {
                        List<Decided> decided = decide(staged, locked, participants, memberships, current, added);
                        int last = staged.get(staged.size() - 1).index();
                        int[] counts = new int[3];
                        Map<String, Integer> codes = new LinkedHashMap<>();
                        for (Decided d : decided) {
                            counts[RecordOutcome.valueOf(d.status()).ordinal()]++;
                        }
                        decided.stream().filter(d -> d.errorsJson() != null)
                                .forEach(d -> codes.merge(code(d.errorsJson()), 1, Integer::sum));
                        return members.write(tx, batch.id(), sponsorshipId, batch.dryRun(),
                                time.now().atOffset(ZoneOffset.UTC), decided)
                                .flatMap(v -> batches.advance(tx, batch.id(), last, counts[0], counts[1], counts[2], lease))
                                .replaceWith((ChunkResult) new ChunkResult.Processed(decided.size(), counts[0], counts[1],
                                        counts[2], codes));
                    });
                }));
    }

    List<Decided> decide(List<Staged> staged, LockedSponsorship locked,
            Map<Buffer, MemberDecision.Participant> participants, MemberBatchRepository.Memberships memberships,
            YearMonth current, int[] added) {
        Set<UUID> here = new HashSet<>(memberships.here());
        int count = locked.members();
        List<Decided> decided = new ArrayList<>();
        for (Staged s : staged) {
            MemberDecision.Participant p = participants.get(s.nikIndex());
            boolean member = p != null && here.contains(p.id());
            boolean elsewhere = p != null && memberships.elsewhere().getOrDefault(p.id(), List.of()).stream()
                    .anyMatch(months -> !months[1].isBefore(s.fromMonth()));
            MemberDecision.Decision d = MemberDecision.decide(locked.sponsorship(), s.action(), s.fromMonth(), p, member,
                    elsewhere, count, current);
            MemberAction write = null;
            if (d.outcome() == RecordOutcome.ACCEPTED) {
                write = s.action();
                if (s.action() == MemberAction.ADD) {
                    here.add(p.id());
                    count++;
                    added[0]++;
                } else {
                    here.remove(p.id());
                    count--;
                }
            }
            decided.add(new Decided(s.index(), d.outcome().name(), s.externalRef(), p == null ? null : p.id(),
                    d.errors().isEmpty() ? null : json(d.errors()), write, s.fromMonth().atDay(1)));
        }
        return decided;
    }

    private String json(List<FieldError> errors) {
        try {
            return json.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String code(String errorsJson) {
        try {
            return json.readTree(errorsJson).get(0).get("code").asText();
        } catch (JsonProcessingException e) {
            return "UNKNOWN";
        }
    }

    @Override
    public boolean fail(ClaimedBatch batch, String owner, String reason) {
        return batches.fail(batch, owner, reason).await().indefinitely();
    }
}
