package id.perisai.api.agent.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import id.perisai.api.agent.repository.AgentRepository;
import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.common.time.TimeSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * rules.md §5: an agent without an acquisition for 3 consecutive whole months becomes INACTIVE (and can no longer be
 * named on registrations). Checked daily after midnight WIB by every replica; the check is one idempotent statement,
 * so running it twice, or on several replicas at once, changes each agent once.
 */
@ApplicationScoped
public class AgentInactivityJob {

    private static final Logger LOG = Logger.getLogger(AgentInactivityJob.class);
    static final String DETAILS = "{\"statusFrom\":\"ACTIVE\",\"statusTo\":\"INACTIVE\",\"reason\":\"NO_ACQUISITION\"}";

    private final AgentRepository agents;
    private final TimeSource time;
    private final int months;

    public AgentInactivityJob(AgentRepository agents, TimeSource time, PerisaiConfig config) {
        this.agents = agents;
        this.time = time;
        this.months = config.incentive().inactiveAfterMonths();
    }

    @Scheduled(cron = "${perisai.incentive.inactivity-cron:0 15 0 * * ?}", timeZone = "Asia/Jakarta", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().replaceWithVoid();
    }

    /**
     * Deactivates the agents idle for the last {@code months} whole months: ACTIVE since before the first of them and
     * without an acquisition in any of them (or since). Returns the agent codes changed.
     */
    public Uni<List<String>> run() {
        YearMonth first = time.currentMonthWib().minusMonths(months);
        LocalDate firstDay = first.atDay(1);
        OffsetDateTime since = firstDay.atStartOfDay(TimeSource.WIB).toOffsetDateTime();
        return agents.deactivateIdle(since, firstDay, time.now().atOffset(ZoneOffset.UTC), DETAILS).invoke(codes -> {
            if (!codes.isEmpty()) {
                LOG.infof("%d agents without an acquisition since %s became INACTIVE", codes.size(), first);
            }
        });
    }
}
