package id.perisai.api.webhook.service;

import java.util.UUID;

import id.perisai.api.security.crypto.PiiCrypto;
import id.perisai.api.webhook.delivery.Signatures;
import id.perisai.api.webhook.rest.WebhookExamples;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The webhook records the OpenAPI examples name, for the dev seed: two DISABLED endpoints of the demo partner (so
 * nothing is sent to their made-up host; the update example enables the first, the delete example deletes the
 * second) and a delivery of a made-up event to the first (the retry example). Each statement does nothing when its row
 * exists.
 */
public final class WebhookDevSeed {

    private WebhookDevSeed() {
    }

    public static void seed(Pool pool, PiiCrypto crypto, String partnerCode) {
        for (String id : new String[] { WebhookExamples.ENDPOINT_ID, WebhookExamples.SPARE_ENDPOINT_ID }) {
            pool.preparedQuery("""
                    insert into webhook_endpoint (id, partner_id, url, description, events, status, secret_cipher,
                                                  created_at, updated_at)
                    select $1, p.id, 'https://hooks.wadah.example/perisai', 'Portal: batch results (dev seed)',
                           array['batch.completed', 'batch.failed'], 'DISABLED', $2, now(), now()
                      from partner p where p.code = $3
                    on conflict (id) do nothing
                    """).execute(Tuple.of(UUID.fromString(id), Buffer.buffer(crypto.encrypt(Signatures.newSecret())),
                    partnerCode)).await().indefinitely();
        }
        pool.preparedQuery("""
                insert into webhook_event (id, partner_id, type, payload, occurred_at)
                select $1, p.id, 'batch.completed', '{"type":"batch.completed","timestamp":"2026-11-21T03:15:04Z","data":{}}',
                       now()
                  from partner p where p.code = $2
                on conflict (id) do nothing
                """).execute(Tuple.of(WebhookExamples.EVENT_ID, partnerCode)).await().indefinitely();
        pool.preparedQuery("""
                insert into webhook_delivery (id, event_id, endpoint_id, status, attempts, next_attempt_at, created_at)
                values ($1, $2, $3, 'FAILED', 8, null, now())
                on conflict (id) do nothing
                """).execute(Tuple.of(UUID.fromString(WebhookExamples.DELIVERY_ID), WebhookExamples.EVENT_ID,
                UUID.fromString(WebhookExamples.ENDPOINT_ID))).await().indefinitely();
    }
}
