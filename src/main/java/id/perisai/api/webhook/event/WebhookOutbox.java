package id.perisai.api.webhook.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The transactional outbox (events.md, quality.md R8): {@link #emit} writes an event, and one PENDING delivery per
 * ENABLED endpoint of the partner subscribed to its type, <b>on the connection of the transaction that makes the
 * change</b> — one statement, which writes nothing when nobody subscribes. The event commits or rolls back with its
 * cause; the delivery workers of any replica send it after the commit ({@code WebhookDispatcher}).
 */
@ApplicationScoped
public class WebhookOutbox {

    private final ObjectMapper json;

    public WebhookOutbox(ObjectMapper json) {
        this.json = json;
    }

    /** A stored event: its {@code webhook-id} and the body that is signed and sent. */
    public record Event(String id, WebhookEventType type, String payload, Instant occurredAt) {
    }

    /**
     * Writes the event for the partner's subscribed endpoints in {@code tx}; answers how many deliveries it created.
     *
     * @param data the event's {@code data} object: never personal data beyond masked NIKs
     */
    public Uni<Integer> emit(SqlClient tx, long partnerId, WebhookEventType type, Object data) {
        Event event = event(type, data);
        return tx.preparedQuery("""
                with targets as (
                    select id from webhook_endpoint where partner_id = $2 and status = 'ENABLED' and $3 = any (events)
                ), event as (
                    insert into webhook_event (id, partner_id, type, payload, occurred_at)
                    select $1, $2, $3, $4, $5 where exists (select 1 from targets)
                    returning id
                )
                insert into webhook_delivery (id, event_id, endpoint_id, status, next_attempt_at, created_at)
                select gen_random_uuid(), event.id, targets.id, 'PENDING', $5, $5 from event, targets
                """).execute(Tuple.of(event.id(), partnerId, type.wireName(), event.payload(),
                event.occurredAt().atOffset(ZoneOffset.UTC))).map(rows -> rows.rowCount());
    }

    /** The event's id ({@code msg_} and 32 hex digits, stable across retries) and its JSON body. */
    public Event event(WebhookEventType type, Object data) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.wireName());
        body.put("timestamp", now.toString());
        body.put("data", data);
        try {
            return new Event("msg_" + UUID.randomUUID().toString().replace("-", ""), type, json.writeValueAsString(body),
                    now);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data must be plain values", e);
        }
    }
}
