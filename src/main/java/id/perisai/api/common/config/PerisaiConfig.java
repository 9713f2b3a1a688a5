package id.perisai.api.common.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's own settings ({@code perisai.*}, or environment variables {@code PERISAI_*}). */
@ConfigMapping(prefix = "perisai")
public interface PerisaiConfig {

    /** Problem-details settings. */
    ProblemConfig problem();

    /** Personal-data protection keys. */
    PiiConfig pii();

    /** The OAuth2 client-credentials issuer. */
    OAuthConfig oauth();

    /** Partner defaults. */
    PartnerConfig partner();

    /** What is ensured at start-up. */
    BootstrapConfig bootstrap();

    /** Developer conveniences (dev profile only). */
    DevConfig dev();

    interface ProblemConfig {
        /** Base URI of problem {@code type}s; the problem name is appended. */
        @WithDefault("https://api.perisai.bpjsketenagakerjaan.go.id/problems/")
        String baseUri();
    }

    interface PiiConfig {
        /** Base64 of the 32-byte AES-256-GCM key that encrypts NIKs at rest (required). */
        String encryptionKey();

        /** Base64 of the 32-byte HMAC-SHA256 key of the NIK blind index used for de-duplication (required). */
        String indexKey();
    }

    interface OAuthConfig {
        /** Lifetime of issued access tokens; at most one hour. */
        @WithDefault("PT1H")
        Duration tokenTtl();

        /** bcrypt cost factor for stored client secrets (2^cost rounds). */
        @WithDefault("11")
        int secretHashCost();

        /** Client-secret checks allowed to run at once; further token requests get 429 (protects the CPU). */
        @WithDefault("4")
        int maxConcurrentSecretChecks();
    }

    interface PartnerConfig {
        /** Quotas of a new partner created without explicit ones. */
        DefaultQuota defaultQuota();
    }

    interface DefaultQuota {
        /** Registration records per WIB day. */
        @WithDefault("5000")
        int registrationsPerDay();

        /** Contribution records per WIB day. */
        @WithDefault("20000")
        int contributionsPerDay();

        /** Largest batch in records. */
        @WithDefault("100000")
        int maxBatchRecords();

        /** API calls per minute. */
        @WithDefault("600")
        int requestsPerMinute();
    }

    interface BootstrapConfig {
        /** Client id of the agency-staff OAuth client (scope {@code admin}) ensured at start-up. */
        Optional<String> adminClientId();

        /** Its secret; when it changes the stored hash is replaced at the next start. */
        Optional<String> adminClientSecret();
    }

    interface DevConfig {
        /** Seed a demo partner, agent and OAuth client and print their credentials (dev profile). */
        @WithDefault("false")
        boolean seedDemoData();
    }
}
