package id.perisai.api.security.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.security.Scopes;
import id.perisai.api.security.crypto.SecretHasher;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Ensures the agency-staff OAuth client named by {@code PERISAI_BOOTSTRAP_ADMIN_CLIENT_ID} /
 * {@code PERISAI_BOOTSTRAP_ADMIN_CLIENT_SECRET} exists with scope {@code admin}, so a fresh installation can be
 * administered without touching the database. Idempotent and safe when replicas start together.
 */
@ApplicationScoped
public class AdminClientBootstrap {

    static final int MIN_SECRET_LENGTH = 16;
    private static final Logger LOG = Logger.getLogger(AdminClientBootstrap.class);

    void ensureAdminClient(@Observes StartupEvent event, PerisaiConfig config, SecretHasher hasher, Pool pool) {
        var bootstrap = config.bootstrap();
        if (bootstrap.adminClientId().isEmpty() || bootstrap.adminClientSecret().isEmpty()) {
            return;
        }
        String clientId = bootstrap.adminClientId().get();
        String secret = bootstrap.adminClientSecret().get();
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException(
                    "PERISAI_BOOTSTRAP_ADMIN_CLIENT_SECRET must have at least " + MIN_SECRET_LENGTH + " characters");
        }
        RowIterator<Row> existing = pool.preparedQuery(
                "select secret_hash, partner_id, revoked_at is not null as revoked from oauth_client where client_id = $1")
                .execute(Tuple.of(clientId)).await().indefinitely().iterator();
        if (!existing.hasNext()) {
            pool.preparedQuery("""
                    insert into oauth_client (client_id, partner_id, name, scopes, secret_hash)
                    values ($1, null, 'Agency staff (bootstrap)', $2, $3)
                    on conflict (client_id) do nothing
                    """).execute(Tuple.of(clientId, Scopes.ADMIN, hasher.hash(clientId, secret))).await().indefinitely();
            LOG.infof("Bootstrap admin client %s created", clientId);
            return;
        }
        Row row = existing.next();
        if (row.getLong("partner_id") != null) {
            throw new IllegalStateException("PERISAI_BOOTSTRAP_ADMIN_CLIENT_ID names a partner's client");
        }
        boolean revoked = row.getBoolean("revoked");
        // the configured secret is the truth: a changed one, a bcrypt hash of earlier versions or a hash under an
        // earlier key is replaced by the current key's hash (a keyed hash costs microseconds: no need to defer it)
        if (revoked || !hasher.isCurrent(clientId, secret, row.getString("secret_hash"))) {
            pool.preparedQuery("""
                    update oauth_client set secret_hash = $2, scopes = $3, revoked_at = null where client_id = $1
                    """).execute(Tuple.of(clientId, hasher.hash(clientId, secret), Scopes.ADMIN)).await().indefinitely();
            LOG.infof("Bootstrap admin client %s: secret hash updated", clientId);
        }
    }
}
