package id.perisai.api.dev;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import id.perisai.api.common.config.PerisaiConfig;
import id.perisai.api.common.identity.Nik;
import id.perisai.api.common.time.TimeSource;
import id.perisai.api.security.Scopes;
import id.perisai.api.security.crypto.PiiCrypto;
import id.perisai.api.security.crypto.SecretHasher;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Seeds a demo partner, its OAuth client and an agent with well-known dev-only credentials and prints them, so the
 * Swagger UI console and the README walkthroughs work at once; and the records the OpenAPI document's examples name
 * (participants, batches, a client to revoke), so that every example of the console succeeds on a fresh dev schema.
 * Only when {@code perisai.dev.seed-demo-data} is true: in dev mode, and in the tests that run the examples and the
 * README against the packaged app ({@code PERISAI_DEV_SEED_DEMO_DATA=true}); never set it anywhere else.
 */
@ApplicationScoped
public class DevSeed {

    public static final String PARTNER = "DEMO-WADAH";
    public static final String CLIENT_ID = "demo-wadah-portal";
    public static final String CLIENT_SECRET = "dev-only-demo-secret";
    public static final String AGENT = "AGDEMO000001";
    /** A made-up NIK of the demo agent (Dewi Lestari, born 1985-06-15). */
    static final String AGENT_NIK = "3174015506850001";
    /**
     * The participants the document's examples name (made-up NIKs): Ani Wulandari, registered by the demo partner
     * through its agent in 2026-11 (income 1,000,000, with JHT: the quote and payment examples); Rudi Hartono, whom the
     * void example voids; Sri Rahayu, an ACTIVE participant of another channel (registered when seeded, by the service's
     * clock, so not lapsed) whom the agent example registers.
     */
    public static final String PARTICIPANT_ID = "4f2a9c1e-7b3d-4a5e-8f60-1c2d3e4f5a6b";
    public static final String PARTICIPANT_NIK = "3201016502920003";
    public static final String VOIDABLE_PARTICIPANT_ID = "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e";
    static final String VOIDABLE_NIK = "3273011203870004";
    public static final String AGENT_CANDIDATE_NIK = "3578014708900005";
    /** Batches the examples read (completed, without records), and a client the revoke example revokes. */
    public static final String REGISTRATION_BATCH = "8c4f3a2e-1b7d-4e9a-9c21-5d0f6a7b8c90";
    public static final String CONTRIBUTION_BATCH = "6b1d9e2f-3c4a-4b5d-8e6f-7a8b9c0d1e2f";
    public static final String SPARE_CLIENT_ID = "prc_demowadahspare000001";
    private static final Logger LOG = Logger.getLogger(DevSeed.class);

    void seed(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 100) StartupEvent event,
            PerisaiConfig config, SecretHasher hasher, PiiCrypto crypto, Pool pool, TimeSource time,
            @ConfigProperty(name = "quarkus.http.port") int port) {
        if (!config.dev().seedDemoData()) {
            return;
        }
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            LOG.warn("perisai.dev.seed-demo-data is set outside dev mode: seeding the dev-only demo partner and clients");
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
        seedExampleRecords(pool, crypto, hasher, time);
        DemoSponsorship.seed(pool, crypto, PARTNER, AGENT, time.currentMonthWib());
        GrowthSeed.seed(pool, crypto);
        id.perisai.api.webhook.service.WebhookDevSeed.seed(pool, crypto, PARTNER);
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

    /** What the OpenAPI document's examples name; each statement does nothing when its row exists. */
    private static void seedExampleRecords(Pool pool, PiiCrypto crypto, SecretHasher hasher, TimeSource time) {
        participant(pool, crypto, PARTICIPANT_ID, PARTICIPANT_NIK, "Ani Wulandari", "1992-02-25", "F", "+6281234560003",
                "PEDAGANG", 1_000_000L, true, AGENT);
        participant(pool, crypto, VOIDABLE_PARTICIPANT_ID, VOIDABLE_NIK, "Rudi Hartono", "1987-03-12", "M",
                "+6281234560004", "OJEK", 2_000_000L, false, null);
        pool.preparedQuery("""
                insert into participant (id, nik_index, nik_cipher, nik_masked, full_name, birth_date, gender, status,
                                         source, registered_at, registration_month)
                values (gen_random_uuid(), $1, $2, $3, 'Sri Rahayu', '1990-08-07', 'F', 'ACTIVE', 'REGISTRY', $4, $5)
                on conflict (nik_index) do nothing
                """).execute(Tuple.of(Buffer.buffer(crypto.blindIndex(AGENT_CANDIDATE_NIK)),
                Buffer.buffer(crypto.encrypt(AGENT_CANDIDATE_NIK)), Nik.mask(AGENT_CANDIDATE_NIK),
                time.now().atOffset(java.time.ZoneOffset.UTC), time.currentMonthWib().atDay(1))).await().indefinitely();
        for (String[] batch : new String[][] { { REGISTRATION_BATCH, "REGISTRATION" },
                { CONTRIBUTION_BATCH, "CONTRIBUTION" } }) {
            pool.preparedQuery("""
                    insert into batch (id, partner_id, kind, status, dry_run, content_type, submitted_at, completed_at,
                                       received, staged)
                    select $1, p.id, $2, 'COMPLETED', false, 'application/json', now(), now(), 0, 0
                      from partner p where p.code = $3
                    on conflict (id) do nothing
                    """).execute(Tuple.of(java.util.UUID.fromString(batch[0]), batch[1], PARTNER)).await().indefinitely();
        }
        pool.preparedQuery("""
                insert into oauth_client (client_id, partner_id, name, scopes, secret_hash)
                select $1, p.id, 'Spare client (dev only: try revoking it)', 'registrations:read', $2
                  from partner p where p.code = $3
                on conflict (client_id) do nothing
                """).execute(Tuple.of(SPARE_CLIENT_ID, hasher.hash(SPARE_CLIENT_ID, randomSecret()), PARTNER))
                .await().indefinitely();
    }

    /** A secret nobody knows: the spare client exists to be revoked, not used. */
    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static void participant(Pool pool, PiiCrypto crypto, String id, String nik, String name, String birthDate,
            String gender, String phone, String occupation, long income, boolean jht, String agentCode) {
        pool.preparedQuery("""
                insert into participant (id, nik_index, nik_cipher, nik_masked, full_name, birth_date, gender, phone,
                                         occupation, monthly_income, jht, status, source, partner_id,
                                         registered_by_partner_id, agent_id, registered_at, registration_month,
                                         new_participant)
                select $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'ACTIVE', 'PARTNER', p.id, p.id,
                       (select a.id from agent a where a.agent_code = $12), '2026-11-02T09:00:00+07:00', '2026-11-01', true
                  from partner p where p.code = $13
                on conflict do nothing
                """)
                .execute(Tuple.tuple(List.of(java.util.UUID.fromString(id), Buffer.buffer(crypto.blindIndex(nik)),
                        Buffer.buffer(crypto.encrypt(nik)),
                        Nik.mask(nik), name, java.time.LocalDate.parse(birthDate), gender, phone, occupation, income, jht,
                        agentCode == null ? "" : agentCode,
                        PARTNER)))
                .await().indefinitely();
    }
}
