package id.perisai.api.dev;

import java.util.TreeSet;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.common.identity.Nik;
import id.perisai.api.security.Scopes;
import id.perisai.api.security.crypto.PiiCrypto;
import id.perisai.api.security.crypto.SecretHasher;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Dev mode only: seeds a demo partner, its OAuth client and an agent with well-known dev-only credentials and prints
 * them, so the Swagger UI console and the README walkthroughs work at once. Never part of a prod or test build.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DevSeed {

    public static final String PARTNER = "DEMO-WADAH";
    public static final String CLIENT_ID = "demo-wadah-portal";
    public static final String CLIENT_SECRET = "dev-only-demo-secret";
    public static final String AGENT = "AGDEMO000001";
    /** A made-up NIK of the demo agent (Dewi Lestari, born 1985-06-15). */
    static final String AGENT_NIK = "3174015506850001";
    private static final Logger LOG = Logger.getLogger(DevSeed.class);

    void seed(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 100) StartupEvent event,
            PerisaiConfig config, SecretHasher hasher, PiiCrypto crypto, Pool pool,
            @ConfigProperty(name = "quarkus.http.port") int port) {
        if (!config.dev().seedDemoData()) {
            return;
        }
        pool.preparedQuery("""
                insert into partner (code, name, type, branch_office, registrations_per_day, contributions_per_day,
                                     max_batch_records, requests_per_minute)
                values ($1, 'Wadah Demo Perisai', 'COMMUNITY', 'Jakarta Salemba', 5000, 20000, 100000, 600)
                on conflict (code) do nothing
                """).execute(Tuple.of(PARTNER)).await().indefinitely();
        String scopes = String.join(" ", new TreeSet<>(Scopes.PARTNER));
        pool.preparedQuery("""
                insert into oauth_client (client_id, partner_id, name, scopes, secret_hash)
                select $1, p.id, 'Demo portal (dev only)', $2, $3 from partner p where p.code = $4
                on conflict (client_id) do nothing
                """).execute(Tuple.of(CLIENT_ID, scopes, hasher.hash(CLIENT_ID, CLIENT_SECRET), PARTNER))
                .await().indefinitely();
        Buffer nikIndex = Buffer.buffer(crypto.blindIndex(AGENT_NIK));
        pool.preparedQuery("""
                insert into participant (id, nik_index, nik_cipher, nik_masked, full_name, birth_date, gender, status,
                                         source, registered_at, registration_month)
                values (gen_random_uuid(), $1, $2, $3, 'Dewi Lestari', '1985-06-15', 'F', 'ACTIVE', 'REGISTRY',
                        '2024-01-02T00:00:00+07:00', '2024-01-01')
                on conflict (nik_index) do nothing
                """).execute(Tuple.of(nikIndex, Buffer.buffer(crypto.encrypt(AGENT_NIK)), Nik.mask(AGENT_NIK)))
                .await().indefinitely();
        pool.preparedQuery("""
                insert into agent (agent_code, partner_id, participant_id, nik_index, nik_cipher, nik_masked, full_name,
                                   phone, bank_code, bank_account_cipher, bank_account_masked, bank_account_name,
                                   education, status)
                select $1, pa.id, pt.id, pt.nik_index, pt.nik_cipher, pt.nik_masked, 'Dewi Lestari', '+6281311112222',
                       'BNI', $2, '******4321', 'DEWI LESTARI', 'S1', 'ACTIVE'
                  from partner pa, participant pt
                 where pa.code = $3 and pt.nik_index = $4
                on conflict do nothing
                """).execute(Tuple.of(AGENT, Buffer.buffer(crypto.encrypt("0987654321")), PARTNER, nikIndex))
                .await().indefinitely();
        String admin = config.bootstrap().adminClientId().orElse("(none)");
        String adminSecret = config.bootstrap().adminClientSecret().orElse("(none)");
        LOG.infof("""

                ==================== Perisai Partner API — dev mode ====================
                 Swagger UI : http://localhost:%1$d/q/swagger-ui  (Authorize → client credentials)
                 Partner %2$s : client_id=%3$s  client_secret=%4$s
                              scopes: %5$s
                              agent: %8$s (use it as agentCode in registration records)
                 Agency staff : client_id=%6$s  client_secret=%7$s  scope: admin
                 Get a token  : curl -s -u %3$s:%4$s -d grant_type=client_credentials http://localhost:%1$d/oauth2/token
                 (dev-only credentials, seeded in the dev schema perisai_dev)
                ========================================================================
                """, port, PARTNER, CLIENT_ID, CLIENT_SECRET, scopes, admin, adminSecret, AGENT);
    }
}
