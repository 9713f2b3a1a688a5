package id.perisai.api.common.idempotency;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.common.db.Db;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Idempotency-Key records in PostgreSQL, so every replica sees the same keys. The first request with a key claims it
 * (IN_FLIGHT, with a lock that expires if its replica dies); on success its response is stored in the same
 * transaction as the work it describes (DONE); on failure the claim is released so a corrected retry can use the key.
 */
@ApplicationScoped
public class IdempotencyStore {

    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);

    /** The state of a key for a new request. */
    public sealed interface Claim {
    }

    /** This request owns the key and must do the work. */
    public record Owned(UUID owner) implements Claim {
    }

    /** Another request with the key is still being accepted. */
    public record InFlight() implements Claim {
    }

    /** The key was used: its request fingerprint and stored response. */
    public record Completed(byte[] requestHash, int status, String body, String location) implements Claim {
    }

    private final Pool pool;
    private final Duration retention;
    private final Duration inFlightLock;

    public IdempotencyStore(Pool pool, PerisaiConfig config) {
        this.pool = pool;
        this.retention = config.idempotency().retention();
        this.inFlightLock = config.idempotency().inFlightLock();
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalStateException("PERISAI_IDEMPOTENCY_RETENTION must be at least PT24H");
        }
    }

    public Uni<Claim> claim(long partnerId, String operation, String key) {
        return claim(partnerId, operation, key, 3);
    }

    private Uni<Claim> claim(long partnerId, String operation, String key, int attempts) {
        UUID owner = UUID.randomUUID();
        // insert, or take over a key whose record expired or whose first request died while holding it
        return pool.preparedQuery("""
                insert into idempotency_key (partner_id, operation, idem_key, state, owner, locked_until, expires_at)
                select $1::bigint, $2::varchar, $3::varchar, 'IN_FLIGHT', $4::uuid, now() + make_interval(secs => $5),
                       now() + make_interval(secs => $6)
                 where %s
                on conflict (partner_id, operation, idem_key) do update
                   set state = 'IN_FLIGHT', owner = excluded.owner, locked_until = excluded.locked_until,
                       expires_at = excluded.expires_at, created_at = now(), request_hash = null,
                       response_status = null, response_body = null, response_location = null
                 where idempotency_key.expires_at < now()
                    or (idempotency_key.state = 'IN_FLIGHT' and idempotency_key.locked_until < now())
                returning owner
                """.formatted(Db.COMMIT_WITHOUT_WAITING_FOR_DISK))
                .execute(Tuple.from(new Object[] { partnerId, operation, key, owner, seconds(inFlightLock),
                        seconds(retention) }))
                .flatMap(inserted -> {
                    if (inserted.iterator().hasNext()) {
                        return Uni.createFrom().item((Claim) new Owned(owner));
                    }
                    return existing(partnerId, operation, key).flatMap(found -> {
                        if (found == null && attempts > 1) {
                            return claim(partnerId, operation, key, attempts - 1);
                        }
                        return Uni.createFrom().item(found == null ? new InFlight() : found);
                    });
                });
    }

    private Uni<Claim> existing(long partnerId, String operation, String key) {
        return pool.preparedQuery("""
                select state, request_hash, response_status, response_body, response_location
                  from idempotency_key where partner_id = $1 and operation = $2 and idem_key = $3
                """).execute(Tuple.of(partnerId, operation, key)).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row r = it.next();
            if ("IN_FLIGHT".equals(r.getString("state"))) {
                return new InFlight();
            }
            return new Completed(r.getBuffer("request_hash").getBytes(), r.getInteger("response_status"),
                    r.getString("response_body"), r.getString("response_location"));
        });
    }

    /** Keeps the claim of a long upload alive (outside its transaction, so other replicas see it). */
    public Uni<Void> heartbeat(long partnerId, String operation, String key, UUID owner) {
        return pool.preparedQuery("""
                update idempotency_key set locked_until = now() + make_interval(secs => $5)
                 where partner_id = $1 and operation = $2 and idem_key = $3 and owner = $4 and state = 'IN_FLIGHT'
                """).execute(Tuple.of(partnerId, operation, key, owner, seconds(inFlightLock))).replaceWithVoid();
    }

    /** Stores the response, in the transaction of the work it answers for. */
    public Uni<Void> complete(SqlClient transaction, long partnerId, String operation, String key, UUID owner,
            byte[] requestHash, int status, String body, String location) {
        return transaction.preparedQuery("""
                update idempotency_key
                   set state = 'DONE', owner = null, locked_until = null, request_hash = $5, response_status = $6,
                       response_body = $7, response_location = $8
                 where partner_id = $1 and operation = $2 and idem_key = $3 and owner = $4
                """)
                .execute(Tuple.from(new Object[] { partnerId, operation, key, owner,
                        io.vertx.core.buffer.Buffer.buffer(requestHash), status,
                        body, location }))
                .map(rows -> {
                    if (rows.rowCount() != 1) {
                        throw new IllegalStateException("idempotency claim lost before completion");
                    }
                    return null;
                });
    }

    /** Frees the key after a failed first request, so the client can retry with it. */
    public Uni<Void> release(long partnerId, String operation, String key, UUID owner) {
        return pool.preparedQuery("""
                delete from idempotency_key
                 where partner_id = $1 and operation = $2 and idem_key = $3 and owner = $4 and state = 'IN_FLIGHT'
                """).execute(Tuple.of(partnerId, operation, key, owner)).replaceWithVoid();
    }

    /** Deletes expired records; any replica may run it at any time. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        return pool.query("delete from idempotency_key where expires_at < now() - interval '1 hour'").execute()
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        LOG.debugf("purged %d expired idempotency keys", rows.rowCount());
                    }
                }).replaceWithVoid();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
