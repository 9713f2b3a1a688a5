package id.perisai.api.webhook.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Webhook endpoints and their deliveries, always within one partner (another partner's rows are never found). */
@ApplicationScoped
public class WebhookRepository {

    /** An endpoint row. */
    public record Endpoint(UUID id, long partnerId, String url, String description, List<String> events,
            EndpointStatus status, byte[] secretCipher, byte[] previousSecretCipher, Instant previousSecretUntil,
            Instant createdAt, Instant updatedAt) {
    }

    /** A delivery as the log shows it. */
    public record Delivery(UUID id, String eventId, String eventType, DeliveryStatus status, int attempts,
            Instant nextAttemptAt, Instant firstAttemptAt, Instant lastAttemptAt, Integer lastStatusCode,
            String lastError, Instant createdAt) {
    }

    static final String ENDPOINT_COLUMNS = "id, partner_id, url, description, events, status, secret_cipher,"
            + " previous_secret_cipher, previous_secret_until, created_at, updated_at";

    static final String DELIVERY_COLUMNS = "d.id, d.event_id, e.type, d.status, d.attempts, d.next_attempt_at,"
            + " d.first_attempt_at, d.last_attempt_at, d.last_status_code, d.last_error, d.created_at";

    private final Pool pool;

    public WebhookRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Uni<Endpoint> insert(SqlClient tx, UUID id, long partnerId, String url, String description,
            List<String> events, byte[] secretCipher) {
        return tx.preparedQuery("""
                insert into webhook_endpoint (id, partner_id, url, description, events, status, secret_cipher,
                                              created_at, updated_at)
                values ($1, $2, $3, $4, $5, 'ENABLED', $6, date_trunc('milliseconds', now()),
                        date_trunc('milliseconds', now()))
                returning %s""".formatted(ENDPOINT_COLUMNS))
                .execute(Tuple.of(id, partnerId, url, description, events.toArray(String[]::new),
                        Buffer.buffer(secretCipher)))
                .map(rows -> endpoint(rows.iterator().next()));
    }

    /** The partner's endpoint, or null; {@code lock} takes it FOR UPDATE (in a transaction). */
    public Uni<Endpoint> find(SqlClient client, long partnerId, UUID id, boolean lock) {
        return client.preparedQuery("select %s from webhook_endpoint where id = $1 and partner_id = $2%s"
                .formatted(ENDPOINT_COLUMNS, lock ? " for update" : "")).execute(Tuple.of(id, partnerId))
                .map(rows -> rows.iterator().hasNext() ? endpoint(rows.iterator().next()) : null);
    }

    /** A page of the partner's endpoints in creation order, after the cursor's endpoint. */
    public Uni<List<Endpoint>> list(long partnerId, Instant afterCreated, UUID afterId, int fetch) {
        return pool.preparedQuery("""
                select %s from webhook_endpoint
                 where partner_id = $1 and ($2::timestamptz is null or (created_at, id) > ($2, $3))
                 order by created_at, id limit $4""".formatted(ENDPOINT_COLUMNS))
                .execute(Tuple.of(partnerId, afterCreated == null ? null : afterCreated.atOffset(ZoneOffset.UTC),
                        afterId, fetch))
                .map(rows -> {
                    List<Endpoint> found = new ArrayList<>();
                    rows.forEach(r -> found.add(endpoint(r)));
                    return found;
                });
    }

    public Uni<Endpoint> update(SqlClient tx, Endpoint e) {
        return tx
                .preparedQuery(
                        """
                                update webhook_endpoint
                                   set url = $3, events = $4, status = $5::varchar, description = $6, updated_at = date_trunc('milliseconds', now()),
                                       failing_since = case when $5::varchar = 'ENABLED' and status <> 'ENABLED' then null else failing_since end
                                 where id = $1 and partner_id = $2
                                returning %s"""
                                .formatted(ENDPOINT_COLUMNS))
                .execute(Tuple.of(e.id(), e.partnerId(), e.url(), e.events().toArray(String[]::new), e.status().name(),
                        e.description()))
                .map(rows -> endpoint(rows.iterator().next()));
    }

    /** Makes {@code secretCipher} the secret; the current one keeps signing until {@code previousUntil}. */
    public Uni<Endpoint> rotate(SqlClient tx, long partnerId, UUID id, byte[] secretCipher, Instant previousUntil) {
        return tx.preparedQuery("""
                update webhook_endpoint
                   set previous_secret_cipher = secret_cipher, previous_secret_until = $4, secret_cipher = $3,
                       updated_at = date_trunc('milliseconds', now())
                 where id = $1 and partner_id = $2
                returning %s""".formatted(ENDPOINT_COLUMNS))
                .execute(Tuple.of(id, partnerId, Buffer.buffer(secretCipher), previousUntil.atOffset(ZoneOffset.UTC)))
                .map(rows -> endpoint(rows.iterator().next()));
    }

    /** Deletes the endpoint with its deliveries; false when it is not the partner's. */
    public Uni<Boolean> delete(SqlClient tx, long partnerId, UUID id) {
        return tx.preparedQuery("delete from webhook_endpoint where id = $1 and partner_id = $2")
                .execute(Tuple.of(id, partnerId)).map(rows -> rows.rowCount() == 1);
    }

    /** A page of the endpoint's deliveries, newest first, optionally of one status. */
    public Uni<List<Delivery>> deliveries(UUID endpointId, DeliveryStatus status, Instant beforeCreated, UUID beforeId,
            int fetch) {
        return pool.preparedQuery("""
                select %s from webhook_delivery d join webhook_event e on e.id = d.event_id
                 where d.endpoint_id = $1 and ($2::text is null or d.status = $2)
                   and ($3::timestamptz is null or (d.created_at, d.id) < ($3, $4))
                 order by d.created_at desc, d.id desc limit $5""".formatted(DELIVERY_COLUMNS))
                .execute(Tuple.of(endpointId, status == null ? null : status.name(),
                        beforeCreated == null ? null : beforeCreated.atOffset(ZoneOffset.UTC), beforeId, fetch))
                .map(rows -> {
                    List<Delivery> found = new ArrayList<>();
                    rows.forEach(r -> found.add(delivery(r)));
                    return found;
                });
    }

    /** Makes a delivery of the endpoint due now (PENDING), whatever its state; null when there is none. */
    public Uni<Delivery> retryNow(SqlClient tx, UUID endpointId, UUID deliveryId) {
        return tx.preparedQuery("""
                with d as (
                    update webhook_delivery set status = 'PENDING', next_attempt_at = now()
                     where id = $1 and endpoint_id = $2
                    returning *
                )
                select %s from d join webhook_event e on e.id = d.event_id""".formatted(DELIVERY_COLUMNS))
                .execute(Tuple.of(deliveryId, endpointId))
                .map(rows -> rows.iterator().hasNext() ? delivery(rows.iterator().next()) : null);
    }

    static Endpoint endpoint(Row r) {
        io.vertx.mutiny.core.buffer.Buffer previous = r.getBuffer("previous_secret_cipher");
        return new Endpoint(r.getUUID("id"), r.getLong("partner_id"), r.getString("url"), r.getString("description"),
                List.of(r.getArrayOfStrings("events")), EndpointStatus.valueOf(r.getString("status")),
                r.getBuffer("secret_cipher").getBytes(), previous == null ? null : previous.getBytes(),
                instant(r.getOffsetDateTime("previous_secret_until")), instant(r.getOffsetDateTime("created_at")),
                instant(r.getOffsetDateTime("updated_at")));
    }

    static Delivery delivery(Row r) {
        return new Delivery(r.getUUID("id"), r.getString("event_id"), r.getString("type"),
                DeliveryStatus.valueOf(r.getString("status")), r.getInteger("attempts"),
                instant(r.getOffsetDateTime("next_attempt_at")), instant(r.getOffsetDateTime("first_attempt_at")),
                instant(r.getOffsetDateTime("last_attempt_at")), r.getInteger("last_status_code"),
                r.getString("last_error"), instant(r.getOffsetDateTime("created_at")));
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
