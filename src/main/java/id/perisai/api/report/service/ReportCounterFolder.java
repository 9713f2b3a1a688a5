package id.perisai.api.report.service;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.report.repository.ReportCounterRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Folds the report counters' journal every second on every replica (only one at a time does the work). A report is
 * exact without it — it reads the journal too — the fold only keeps the journal short.
 */
@ApplicationScoped
public class ReportCounterFolder {

    private final ReportCounterRepository counters;

    public ReportCounterFolder(ReportCounterRepository counters) {
        this.counters = counters;
    }

    @Scheduled(every = "${perisai.reports.fold-every:1s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledFold() {
        return counters.fold().replaceWithVoid();
    }
}
