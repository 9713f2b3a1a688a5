package id.perisai.api.incentive.service;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.incentive.repository.SchemeRepository;
import id.perisai.api.incentive.scheme.IncentiveScheme;
import id.perisai.api.incentive.scheme.SchemeCalculator;
import io.smallrye.mutiny.Uni;

/**
 * The incentive scheme versions, read from the database and kept for a minute. A new version can only start in a
 * later month than the current one, so a replica reading the list up to a minute late prices nothing wrongly unless a
 * version is added in the last minute of a month.
 */
@ApplicationScoped
public class Schemes {

    static final Duration TTL = Duration.ofMinutes(1);

    private final SchemeRepository repository;
    private volatile List<IncentiveScheme> cached;
    private volatile long loadedAt;

    public Schemes(SchemeRepository repository) {
        this.repository = repository;
    }

    public Uni<List<IncentiveScheme>> current() {
        List<IncentiveScheme> list = cached;
        if (list != null && System.nanoTime() - loadedAt < TTL.toNanos()) {
            return Uni.createFrom().item(list);
        }
        return fresh();
    }

    public Uni<List<IncentiveScheme>> fresh() {
        return repository.all().invoke(list -> {
            cached = List.copyOf(list);
            loadedAt = System.nanoTime();
        });
    }

    /** The scheme in force on the period's first day, or null. */
    public Uni<IncentiveScheme> inForce(YearMonth period) {
        return current().map(list -> SchemeCalculator.inForce(list, period));
    }

    /** Forget the cached list (after a change on this replica). */
    public void invalidate() {
        cached = null;
    }
}
