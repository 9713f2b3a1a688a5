package id.perisai.api.contribution.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import id.perisai.api.contribution.repository.RateRepository;
import id.perisai.api.contribution.rules.RateTable;
import io.smallrye.mutiny.Uni;

/**
 * The rate table, read from the database and kept for a minute: a new regulation inserted as rows applies within a
 * minute on every replica, without a release. Each batch reads it afresh when its processing starts.
 */
@ApplicationScoped
public class Rates {

    static final Duration TTL = Duration.ofMinutes(1);

    private final RateRepository repository;
    private volatile RateTable cached;
    private volatile long loadedAt;

    public Rates(RateRepository repository) {
        this.repository = repository;
    }

    public Uni<RateTable> current() {
        RateTable table = cached;
        if (table != null && System.nanoTime() - loadedAt < TTL.toNanos()) {
            return Uni.createFrom().item(table);
        }
        return fresh();
    }

    public Uni<RateTable> fresh() {
        return repository.load().invoke(t -> {
            cached = t;
            loadedAt = System.nanoTime();
        });
    }
}
