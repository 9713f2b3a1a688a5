package id.perisai.api.collection.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import id.perisai.api.collection.repository.LapseRepository;
import id.perisai.api.collection.repository.LapseRepository.Lapse;
import id.perisai.api.collection.rules.LapseWindow;
import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.webhook.delivery.WebhookDispatcher;
import id.perisai.api.webhook.event.WebhookEventType;
import id.perisai.api.webhook.event.WebhookOutbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * {@code participant.lapsed} (events.md): daily after midnight WIB, each partner is told which of the participants it
 * manages lapsed — the day {@link id.perisai.api.collection.rules.CollectionRule#lapsesOn} of the collection list, so
 * the participant the list showed {@code AT_RISK} until 23:59 is announced from 00:00. Ids only, at most
 * {@code lapsedPageSize} (1,000) per event.
 * <p>
 * Exactly once per participant and lapse day, however many replicas run the job and however often: one transaction per
 * page of at most {@code lapsedPageSize} participants records the page in {@code participant_lapse} (unique per
 * participant and day, {@code ON CONFLICT DO NOTHING}) and writes the outbox event of the rows it recorded, so a racing
 * run records and announces nothing twice, and a run that fails rolls its page back whole. A run looks
 * {@code lapsedCatchUpDays} back ({@link LapseWindow}), so a day on which no replica ran is announced by the next run.
 * Every lapse is recorded, also for a partner without a subscribed endpoint (subscribing later replays nothing).
 */
@ApplicationScoped
public class LapseAnnouncer {

    private static final Logger LOG = Logger.getLogger(LapseAnnouncer.class);
    /** events.md: at most 1,000 participants per event. */
    static final int MAX_PAGE = 1000;

    /** The {@code data} of a {@code participant.lapsed} event (documented by WebhooksDocumentFilter). */
    public record ParticipantsLapsed(LocalDate lapsedOn, List<UUID> participantIds) {
    }

    private final LapseRepository lapses;
    private final WebhookOutbox outbox;
    private final WebhookDispatcher dispatcher;
    private final TimeSource time;
    private final Counter announced;
    private final int catchUpDays;
    private final int pageSize;

    public LapseAnnouncer(LapseRepository lapses, WebhookOutbox outbox, WebhookDispatcher dispatcher, TimeSource time,
            MeterRegistry registry, PerisaiConfig config) {
        this.lapses = lapses;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.time = time;
        this.announced = Counter.builder("perisai.participants.lapsed.announced")
                .description("Participant lapses this replica announced (participant.lapsed)").register(registry);
        this.catchUpDays = config.collection().lapsedCatchUpDays();
        this.pageSize = config.collection().lapsedPageSize();
    }

    @Scheduled(cron = "${perisai.collection.lapsed-cron:0 5 0 * * ?}", timeZone = "Asia/Jakarta", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().replaceWithVoid();
    }

    /** One run, as of the current WIB day; answers the lapses this run announced (none another run announced). */
    public Uni<Integer> run() {
        return run(pageSize);
    }

    /** {@link #run()} with pages of {@code pageSize} (at most 1,000) participants per transaction and event. */
    public Uni<Integer> run(int pageSize) {
        int page = Math.min(pageSize, MAX_PAGE);
        LapseWindow window = LapseWindow.endingOn(time.todayWib(), catchUpDays);
        return lapses.partners()
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(partnerId -> partner(partnerId, window, null, page))
                .collect().with(Collectors.summingInt(Integer::intValue))
                .invoke(total -> {
                    if (total > 0) {
                        LOG.infof("%d participant lapses from %s to %s announced", total, window.after().plusDays(1),
                                window.through());
                    }
                });
    }

    /** The partner's lapses in the window after {@code after}, a page per transaction. */
    private Uni<Integer> partner(long partnerId, LapseWindow window, Lapse after, int pageSize) {
        return lapses.candidates(partnerId, window, after, pageSize).flatMap(page -> {
            if (page.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return announce(partnerId, page).flatMap(count -> partner(partnerId, window, page.get(page.size() - 1),
                    pageSize).map(more -> count + more));
        });
    }

    /** Records the page and writes its events in one transaction; answers how many lapses it announced. */
    private Uni<Integer> announce(long partnerId, List<Lapse> page) {
        OffsetDateTime at = time.now().atOffset(ZoneOffset.UTC);
        return lapses.pool().withTransaction(tx -> lapses.record(tx, partnerId, page, at).call(recorded -> {
            // the page's order (lapse day, then id as PostgreSQL orders uuids), only the rows this run recorded
            Set<Lapse> mine = new HashSet<>(recorded);
            Map<LocalDate, List<UUID>> byDay = new TreeMap<>();
            page.stream().filter(mine::contains)
                    .forEach(l -> byDay.computeIfAbsent(l.lapsedOn(), d -> new ArrayList<>()).add(l.participantId()));
            return Multi.createFrom().iterable(byDay.entrySet())
                    .onItem().transformToUniAndConcatenate(day -> outbox.emit(tx, partnerId,
                            WebhookEventType.PARTICIPANT_LAPSED, new ParticipantsLapsed(day.getKey(), day.getValue())))
                    .collect().last();
        })).map(List::size).invoke(count -> {
            if (count > 0) {
                announced.increment(count);
                dispatcher.wake();
            }
        });
    }
}
