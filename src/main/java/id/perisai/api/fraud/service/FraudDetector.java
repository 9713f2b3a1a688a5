package id.perisai.api.fraud.service;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import id.perisai.api.batch.spi.BatchStatus;
import id.perisai.api.batch.spi.FinishedBatch;
import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.fraud.repository.FraudSignalRepository;
import id.perisai.api.fraud.repository.FraudSignalRepository.BatchParticipant;
import id.perisai.api.fraud.repository.FraudSignalRepository.Candidate;
import id.perisai.api.fraud.repository.FraudSignalRepository.NewSignal;
import id.perisai.api.fraud.rules.FraudRules;
import id.perisai.api.fraud.rules.FraudRules.BatchNik;
import id.perisai.api.fraud.rules.SignalType;
import id.perisai.api.security.crypto.PiiCrypto;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Raises fraud signals (growth.md §4): after a registration batch's completion committed (the engine's after-commit
 * {@link FinishedBatch} event) for what that batch reveals, and daily for everything (every replica may run it).
 * <p>
 * Per batch the check is cheap whatever the rate of batches: one set-based statement scoped to the batch's accepted
 * participants (SHARED_PHONE, AGENT_VELOCITY, AGENT_SELF_DEALING, index lookups only), and SEQUENTIAL_NIKS only for a
 * batch with at least the rule's number of accepted records (the NIKs are decrypted in memory, never logged). A
 * 1-record batch costs one statement that finds nothing. Raising is idempotent ({@link FraudSignalRepository}).
 * <p>
 * The daily job repeats the set-based rules over the participants registered in the last two days (so a check lost
 * with a replica that died right after a commit is made good), SEQUENTIAL_NIKS over the batches completed then, and
 * runs FIRST_PAYMENT_ONLY over every agent.
 * <p>
 * Evidence carries counts, ids, masked NIKs and keyed hashes ({@link PiiCrypto#blindIndex}) of phones, never a phone,
 * a name or a NIK.
 */
@ApplicationScoped
public class FraudDetector {

    private static final Logger LOG = Logger.getLogger(FraudDetector.class);
    static final int MAX_MEMBERS = 50;

    private final FraudSignalRepository signals;
    private final PiiCrypto crypto;
    private final TimeSource time;
    private final ObjectMapper json;
    private final FraudMetrics metrics;
    private final FraudRules rules;
    private final boolean onCompletion;

    public FraudDetector(FraudSignalRepository signals, PiiCrypto crypto, TimeSource time, ObjectMapper json,
            FraudMetrics metrics, PerisaiConfig config) {
        this.signals = signals;
        this.crypto = crypto;
        this.time = time;
        this.json = json;
        this.metrics = metrics;
        this.rules = FraudRules.of(config.fraud());
        this.onCompletion = config.fraud().onBatchCompletion();
    }

    public FraudRules rules() {
        return rules;
    }

    /** After a registration batch's completion committed. */
    void onFinished(@ObservesAsync FinishedBatch batch) {
        if (!onCompletion || batch.dryRun() || batch.status() != BatchStatus.COMPLETED || batch.accepted() == 0
                || !"REGISTRATION".equals(batch.kind().name())) {
            return;
        }
        checkBatch(batch.id(), batch.partnerId(), batch.accepted()).subscribe().with(raised -> {
        }, failure -> LOG.warnf("fraud check of batch %s failed (the daily job repeats it): %s", batch.id(),
                failure.getClass().getSimpleName()));
    }

    /** The checks of one completed batch; returns the signals raised. */
    public Uni<List<NewSignal>> checkBatch(UUID batchId, long partnerId, int accepted) {
        Uni<List<NewSignal>> setBased = signals.candidatesOfBatch(batchId, rules).map(this::fromCandidates)
                .flatMap(this::raise);
        if (accepted < rules.sequentialNiks()) {
            return setBased;
        }
        return setBased.flatMap(first -> sequential(batchId, partnerId).map(second -> {
            List<NewSignal> all = new ArrayList<>(first);
            all.addAll(second);
            return all;
        }));
    }

    @Scheduled(cron = "${perisai.fraud.daily-cron:0 30 0 * * ?}", timeZone = "Asia/Jakarta", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return daily().replaceWithVoid();
    }

    /** The daily job; returns the signals this run raised (none that another run or replica raised before). */
    public Uni<List<NewSignal>> daily() {
        LocalDate today = time.todayWib();
        OffsetDateTime since = today.minusDays(1).atStartOfDay(TimeSource.WIB).toOffsetDateTime();
        List<NewSignal> raised = new ArrayList<>();
        return signals.candidatesSince(since, rules).map(this::fromCandidates).flatMap(this::raise)
                .invoke(raised::addAll)
                .flatMap(v -> signals.registrationBatchesSince(since, rules.sequentialNiks()))
                .flatMap(batches -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID id : batches) {
                        chain = chain.flatMap(v -> sequential(id, null).invoke(raised::addAll).replaceWithVoid());
                    }
                    return chain;
                })
                .flatMap(v -> firstPaymentOnly()).invoke(raised::addAll)
                .map(v -> {
                    if (!raised.isEmpty()) {
                        LOG.infof("daily fraud check raised %d signals", raised.size());
                    }
                    return List.copyOf(raised);
                });
    }

    private Uni<List<NewSignal>> raise(List<NewSignal> candidates) {
        return signals.raise(candidates, time.now().atOffset(ZoneOffset.UTC)).invoke(raised -> {
            raised.forEach(s -> metrics.raised(s.type()));
        }).call(raised -> raised.isEmpty() ? Uni.createFrom().voidItem() : metrics.refresh());
    }

    List<NewSignal> fromCandidates(List<Candidate> candidates) {
        List<NewSignal> out = new ArrayList<>();
        for (Candidate c : candidates) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            switch (c.type()) {
                case SHARED_PHONE -> {
                    String phoneIndex = phoneIndex(c.phone());
                    evidence.put("phoneIndex", phoneIndex);
                    evidence.put("participants", c.count());
                    evidence.put("threshold", rules.sharedPhoneParticipants());
                    evidence.put("members", members(c.members()));
                    out.add(new NewSignal(UUID.randomUUID(), c.type(), "phone:" + phoneIndex, c.partnerId(), c.agentId(),
                            write(evidence)));
                }
                case AGENT_VELOCITY -> {
                    evidence.put("day", c.day().toString());
                    evidence.put("newRegistrations", c.count());
                    evidence.put("threshold", rules.velocityPerDay());
                    out.add(new NewSignal(UUID.randomUUID(), c.type(), "agent:" + c.agentId() + ":day:" + c.day(),
                            c.partnerId(), c.agentId(), write(evidence)));
                }
                case AGENT_SELF_DEALING -> {
                    evidence.put("participantId", c.participantId().toString());
                    evidence.put("nikMasked", c.nikMasked());
                    evidence.put("reason", "the participant's phone number is the agent's own");
                    out.add(new NewSignal(UUID.randomUUID(), c.type(),
                            "agent:" + c.agentId() + ":participant:" + c.participantId(), c.partnerId(), c.agentId(),
                            write(evidence)));
                }
                default -> throw new IllegalStateException(c.type().name());
            }
        }
        return out;
    }

    /** SEQUENTIAL_NIKS of one batch: its NIKs are decrypted in memory only. */
    private Uni<List<NewSignal>> sequential(UUID batchId, Long partnerId) {
        return signals.batchParticipants(batchId).map(list -> {
            Map<String, BatchParticipant> byId = new HashMap<>();
            List<BatchNik> niks = new ArrayList<>(list.size());
            for (BatchParticipant p : list) {
                byId.put(p.id().toString(), p);
                niks.add(new BatchNik(p.id().toString(), crypto.decrypt(p.nikCipher())));
            }
            List<BatchNik> run = rules.sequentialRun(niks);
            if (run.isEmpty()) {
                return List.<NewSignal> of();
            }
            List<BatchParticipant> members = run.stream().map(n -> byId.get(n.participantId())).toList();
            // the agent most of the run names
            Map<Long, Long> byAgent = members.stream().filter(m -> m.agentId() != null)
                    .collect(Collectors.groupingBy(BatchParticipant::agentId, Collectors.counting()));
            Long agentId = byAgent.entrySet().stream()
                    .max(Comparator.comparing((Map.Entry<Long, Long> e) -> e.getValue())
                            .thenComparing(e -> -e.getKey()))
                    .map(Map.Entry::getKey).orElse(null);
            Long partner = partnerId != null ? partnerId : members.get(0).partnerId();
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("batchId", batchId.toString());
            evidence.put("run", members.size());
            evidence.put("threshold", rules.sequentialNiks());
            evidence.put("members", members.stream().limit(MAX_MEMBERS).map(m -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("participantId", m.id().toString());
                e.put("nikMasked", m.nikMasked());
                return e;
            }).toList());
            return List.of(new NewSignal(UUID.randomUUID(), SignalType.SEQUENTIAL_NIKS, "batch:" + batchId, partner,
                    agentId, write(evidence)));
        }).flatMap(this::raise);
    }

    private Uni<List<NewSignal>> firstPaymentOnly() {
        var month = time.currentMonthWib();
        LocalDate judgedUntil = month.minusMonths(rules.fpoAgeMonths()).atDay(1);
        return signals.firstPaymentOnly(judgedUntil, rules).map(list -> list.stream()
                .filter(a -> rules.firstPaymentOnly(a.judged(), a.neverPaidSecond())).map(a -> {
                    Map<String, Object> evidence = new LinkedHashMap<>();
                    evidence.put("acquisitionsJudged", a.judged());
                    evidence.put("neverPaidSecondMonth", a.neverPaidSecond());
                    evidence.put("percent", a.neverPaidSecond() * 100 / a.judged());
                    evidence.put("acquiredUpTo", judgedUntil.toString().substring(0, 7));
                    evidence.put("thresholdPercent", rules.fpoPercent());
                    return new NewSignal(UUID.randomUUID(), SignalType.FIRST_PAYMENT_ONLY,
                            "agent:" + a.agentId() + ":month:" + month, a.partnerId(), a.agentId(), write(evidence));
                }).toList()).flatMap(this::raise);
    }

    /** The keyed hash of a phone (its own domain of the blind index): comparable across signals, not reversible. */
    String phoneIndex(String phone) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(crypto.blindIndex("phone:" + phone)).substring(0, 22);
    }

    private List<Object> members(String membersJson) {
        try {
            List<Object> all = json.readValue(membersJson.getBytes(StandardCharsets.UTF_8),
                    new TypeReference<List<Object>>() {
                    });
            return all.size() > MAX_MEMBERS ? all.subList(0, MAX_MEMBERS) : all;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("members of a shared phone are not JSON", e);
        }
    }

    private String write(Map<String, Object> evidence) {
        try {
            return json.writeValueAsString(evidence);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
