package id.perisai.api.webhook.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The delivery queue in PostgreSQL, shared by every replica (no message broker): a replica claims due PENDING
 * deliveries of ENABLED endpoints with {@code FOR UPDATE SKIP LOCKED} and, in the same statement, pushes their due
 * time forward by the claim lease — so two replicas never send one delivery at once, and a replica killed while
 * sending leaves it due again once the lease has passed (at-least-once). Each attempt's outcome is one short
 * transaction.
 */
@ApplicationScoped
public class DeliveryQueue {

    /** A claimed delivery with what sending it needs. */
    public record Claimed(UUID id, int attempts, boolean firstAttempt, String eventId, String eventType,
            String payload, Instant occurredAt, UUID endpointId, String url, byte[] secretCipher,
            byte[] previousSecretCipher, Instant previousSecretUntil) {
    }

    private final Pool pool;

    public DeliveryQueue(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Claimed>> claim(int limit, Duration lease) {
        return pool.preparedQuery("""
                with due as (
                    select d.id from webhook_delivery d
                     where d.status = 'PENDING' and d.next_attempt_at <= now()
                       and exists (select 1 from webhook_endpoint w where w.id = d.endpoint_id and w.status = 'ENABLED')
                     order by d.next_attempt_at
                     limit $1
                       for update of d skip locked
                ), claimed as (
                    update webhook_delivery d set next_attempt_at = now() + make_interval(secs => $2)
                      from due where d.id = due.id
                    returning d.id, d.attempts, d.first_attempt_at, d.event_id, d.endpoint_id
                )
                select c.id, c.attempts, c.first_attempt_at, e.id as event_id, e.type, e.payload, e.occurred_at,
                       w.id as endpoint_id, w.url, w.secret_cipher, w.previous_secret_cipher, w.previous_secret_until
                  from claimed c join webhook_event e on e.id = c.event_id join webhook_endpoint w on w.id = c.endpoint_id
                """).execute(Tuple.of(limit, (double) lease.toMillis() / 1000)).map(rows -> {
            List<Claimed> claimed = new ArrayList<>();
            for (Row r : rows) {
                Buffer previous = r.getBuffer("previous_secret_cipher");
                claimed.add(new Claimed(r.getUUID("id"), r.getInteger("attempts"), r.getValue("first_attempt_at") == null,
                        r.getString("event_id"), r.getString("type"), r.getString("payload"),
                        r.getOffsetDateTime("occurred_at").toInstant(), r.getUUID("endpoint_id"), r.getString("url"),
                        r.getBuffer("secret_cipher").getBytes(), previous == null ? null : previous.getBytes(),
                        r.getOffsetDateTime("previous_secret_until") == null ? null
                                : r.getOffsetDateTime("previous_secret_until").toInstant()));
            }
            return claimed;
        });
    }

    /** A 2xx: the delivery SUCCEEDED and the endpoint is no longer failing. */
    public Uni<Void> succeeded(Claimed d, Instant attemptedAt, int statusCode) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                update webhook_delivery
                   set status = 'SUCCEEDED', attempts = attempts + 1, next_attempt_at = null, last_status_code = $2,
                       last_error = null, last_attempt_at = $3, first_attempt_at = coalesce(first_attempt_at, $3)
                 where id = $1""").execute(Tuple.of(d.id(), statusCode, attemptedAt.atOffset(ZoneOffset.UTC)))
                .flatMap(v -> tx.preparedQuery(
                        "update webhook_endpoint set failing_since = null where id = $1 and failing_since is not null")
                        .execute(Tuple.of(d.endpointId())))
                .replaceWithVoid());
    }

    /**
     * A failed attempt: due again after {@code retryIn}, or FAILED when that is null; the endpoint is failing since its
     * first failure after the last success, and DISABLED once that is longer ago than {@code disableAfter}. Answers
     * whether the endpoint was disabled by this failure.
     */
    public Uni<Boolean> failed(Claimed d, Instant attemptedAt, Integer statusCode, String error, Duration retryIn,
            Duration disableAfter) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                update webhook_delivery
                   set status = case when $5::float8 is null then 'FAILED' else 'PENDING' end, attempts = attempts + 1,
                       next_attempt_at = case when $5::float8 is null then null
                                              else now() + make_interval(secs => $5::float8) end,
                       last_status_code = $2, last_error = $3, last_attempt_at = $4,
                       first_attempt_at = coalesce(first_attempt_at, $4)
                 where id = $1""").execute(Tuple.of(d.id(), statusCode, error, attemptedAt.atOffset(ZoneOffset.UTC),
                retryIn == null ? null : (double) retryIn.toMillis() / 1000))
                .flatMap(v -> tx.preparedQuery("""
                        update webhook_endpoint
                           set failing_since = coalesce(failing_since, $2),
                               status = case when coalesce(failing_since, $2) <= $2 - make_interval(secs => $3::float8)
                                             then 'DISABLED' else status end,
                               updated_at = case when status = 'ENABLED'
                                                  and coalesce(failing_since, $2) <= $2 - make_interval(secs => $3::float8)
                                                 then date_trunc('milliseconds', now()) else updated_at end
                         where id = $1
                        returning status""").execute(Tuple.of(d.endpointId(), attemptedAt.atOffset(ZoneOffset.UTC),
                        (double) disableAfter.toMillis() / 1000)))
                .map(rows -> rows.iterator().hasNext()
                        && EndpointStatus.DISABLED.name().equals(rows.iterator().next().getString("status"))));
    }
}
