package id.perisai.api.common.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's own settings ({@code perisai.*}, or environment variables {@code PERISAI_*}). */
@ConfigMapping(prefix = "perisai")
public interface PerisaiConfig {

    /**
     * The API's public root URL (e.g. {@code https://api.perisai.bpjsketenagakerjaan.go.id}): {@code Location} headers
     * and links are built from it; without it they are relative. Never taken from the request's {@code Host}.
     */
    Optional<String> publicBaseUrl();

    /** Problem-details settings. */
    ProblemConfig problem();

    /** Personal-data protection keys. */
    PiiConfig pii();

    /** The OAuth2 client-credentials issuer. */
    OAuthConfig oauth();

    /** Partner defaults. */
    PartnerConfig partner();

    /** Rules of registration records (rules.md §2). */
    RegistrationConfig registration();

    /** Agent eligibility (rules.md §5). */
    AgentConfig agent();

    /** Asynchronous batch processing. */
    BatchConfig batch();

    /** Idempotency-Key records. */
    IdempotencyConfig idempotency();

    /** Receiving bulk uploads (spooled locally, never holding the database while the body arrives). */
    UploadConfig upload();

    /** HTTP limits of the API itself. */
    HttpConfig http();

    /** What is ensured at start-up. */
    BootstrapConfig bootstrap();

    /** Developer conveniences (dev profile only). */
    DevConfig dev();

    /** Incentives. */
    IncentiveConfig incentive();

    interface IncentiveConfig {
        /** Whole months without an acquisition after which an ACTIVE agent becomes INACTIVE. */
        @WithDefault("3")
        int inactiveAfterMonths();

        /** When the agent inactivity check runs (Quarkus cron, WIB); "off" disables it on this replica. */
        @WithDefault("0 15 0 * * ?")
        String inactivityCron();
    }

    /** Collections (growth.md §1) and the daily {@code participant.lapsed} event (events.md). */
    CollectionConfig collection();

    interface CollectionConfig {
        /**
         * When the daily {@code participant.lapsed} job runs (Quarkus cron, WIB; every replica may run it, each lapse is
         * announced once); "off" disables it on this replica.
         */
        @WithDefault("0 5 0 * * ?")
        String lapsedCron();

        /** Days a run looks back for lapses not yet announced (a day on which no replica ran is made good). */
        @WithDefault("7")
        int lapsedCatchUpDays();

        /** Participants per event and per transaction of the job (events.md: at most 1,000 per event). */
        @WithDefault("1000")
        int lapsedPageSize();
    }

    /** Fraud signals (growth.md §4): every threshold is configuration. */
    FraudConfig fraud();

    interface FraudConfig {
        /** SHARED_PHONE: participants (any partners) carrying one phone number. */
        @WithDefault("3")
        int sharedPhoneParticipants();

        /** AGENT_VELOCITY: an agent's new registrations in one WIB day. */
        @WithDefault("50")
        int velocityPerDay();

        /** SEQUENTIAL_NIKS: NIKs of one batch with the same region and birth-date digits and consecutive serials. */
        @WithDefault("10")
        int sequentialNiks();

        /** FIRST_PAYMENT_ONLY: acquisitions at least this many months old are judged... */
        @WithDefault("3")
        int firstPaymentOnlyAgeMonths();

        /** ...when the agent has at least this many of them... */
        @WithDefault("20")
        int firstPaymentOnlyMinAcquisitions();

        /** ...and at least this percentage of them never paid a second month. */
        @WithDefault("60")
        int firstPaymentOnlyPercent();

        /** When the daily fraud job runs (Quarkus cron, WIB); "off" disables it on this replica. */
        @WithDefault("0 30 0 * * ?")
        String dailyCron();

        /** Whether the set-based checks run when a registration batch completes. */
        @WithDefault("true")
        boolean onBatchCompletion();
    }

    interface ProblemConfig {
        /** Base URI of problem {@code type}s; the problem name is appended. */
        @WithDefault("https://api.perisai.bpjsketenagakerjaan.go.id/problems/")
        String baseUri();
    }

    interface PiiConfig {
        /** Base64 of the 32-byte AES-256-GCM key that encrypts NIKs at rest (required). */
        String encryptionKey();

        /**
         * The version (1–255) of {@link #encryptionKey()}: the first byte of every ciphertext it makes. Raise it with
         * each new key.
         */
        @WithDefault("1")
        int encryptionKeyVersion();

        /**
         * Earlier encryption keys as {@code version:base64}, still accepted for decryption while the rotation job
         * re-encrypts what they protect; remove one when {@code perisai_pii_ciphertexts_to_reencrypt} is 0.
         */
        Optional<List<String>> previousEncryptionKeys();

        /** How often a replica re-encrypts under the current key while earlier keys are configured; "off" disables. */
        @WithDefault("1m")
        String rotationInterval();

        /** Base64 of the 32-byte HMAC-SHA256 key of the NIK blind index used for de-duplication (required). */
        String indexKey();
    }

    interface OAuthConfig {
        /** Lifetime of issued access tokens; at most one hour. */
        @WithDefault("PT1H")
        Duration tokenTtl();

        /**
         * Base64 of the 32-byte HMAC-SHA256 key client secrets are hashed with (required): a secret of 256 random bits
         * needs no slow hash, only one nobody can compute without this key.
         */
        String secretHashKey();

        /** The id of {@link #secretHashKey()}, written into every hash it makes; change it with each new key. */
        @WithDefault("1")
        String secretHashKeyId();

        /**
         * Other keys that verify stored hashes, as {@code id:base64}: earlier keys (hashes under them are rewritten
         * under the current key at the client's next successful token request), or the next one during a rollout.
         */
        Optional<List<String>> previousSecretHashKeys();

        /** Throttling of failed client authentications at the token endpoint. */
        ThrottleConfig throttle();
    }

    interface ThrottleConfig {
        /** The window failures are counted in, from the first failure. */
        @WithDefault("PT1M")
        Duration window();

        /** Failed authentications from one source address in a window before that address is refused (429). */
        @WithDefault("30")
        int failuresPerSource();

        /**
         * Failed authentications of one client id from one source address in a window before that pair is refused;
         * failures from elsewhere never refuse a client's own requests.
         */
        @WithDefault("10")
        int failuresPerClient();

        /** Source addresses (and as many client/address pairs) tracked at once: bounds the memory a flood can take. */
        @WithDefault("10000")
        int trackedKeys();
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

    interface RegistrationConfig {
        /** Youngest age accepted on the submission day (inclusive). */
        @WithDefault("15")
        int minAge();

        /** Age from which a worker is no longer eligible (exclusive). */
        @WithDefault("65")
        int maxAgeExclusive();

        /** Lowest declared monthly income, rupiah (inclusive). */
        @WithDefault("1000000")
        long minMonthlyIncome();

        /** Highest declared monthly income, rupiah (inclusive). */
        @WithDefault("100000000")
        long maxMonthlyIncome();
    }

    interface AgentConfig {
        /** Banks at which an agent's incentive account must be held. */
        @WithDefault("BNI,CIMB_NIAGA")
        List<String> designatedBanks();

        /** Education levels that make an agent eligible (at least senior high school). */
        @WithDefault("SMA,SMK,D1,D2,D3,D4,S1,S2,S3")
        List<String> eligibleEducation();

        /** Education levels that exist but are below the requirement. */
        @WithDefault("SD,SMP")
        List<String> insufficientEducation();
    }

    interface BatchConfig {
        /** Records per processing chunk: one SQL statement and one transaction each. */
        @WithDefault("5000")
        int chunkSize();

        /**
         * Registration chunks one replica processes at once for a batch, each in its own transaction on its own
         * connection (PostgreSQL works on them in parallel).
         */
        @WithDefault("2")
        int parallelChunks();

        /**
         * Batches with at most this many records left to process after validation are processed within the request
         * that accepts them and answered COMPLETED (one transaction instead of the workers' claim, chunk and
         * completion); 0 leaves every batch to the workers. Kinds that do not support it always go to the workers.
         */
        @WithDefault("100")
        int inlineRecords();

        /** Records per staging insert while a contribution batch is being received. */
        @WithDefault("2000")
        int stagingChunkSize();

        /** Batches processed at once by this replica. */
        @WithDefault("2")
        int workers();

        /** How long a replica's claim on a batch lasts without progress before another may take it over. */
        @WithDefault("PT30S")
        Duration lease();

        /** How often idle workers look for batches submitted to other replicas. */
        @WithDefault("PT1S")
        Duration pollInterval();

        /** Processing attempts of a batch before it is marked FAILED. */
        @WithDefault("10")
        int maxAttempts();

        /** Whether this replica runs batch workers at all. */
        @WithDefault("true")
        boolean workersEnabled();

        /**
         * Connections of the pool that receiving uploads may use at once (staging their records, accepting them);
         * the rest of the pool stays for reads, health checks and the batch workers, however many uploads finish
         * together.
         */
        @WithDefault("4")
        int intakeConnections();

        /**
         * How often a replica removes batches left STAGING by a replica that died while writing them (their lease
         * expired); "off" disables it on this replica.
         */
        @WithDefault("1m")
        String stagingSweepInterval();
    }

    interface UploadConfig {
        /** Directory of the spool files of uploads being received (a private subdirectory per replica). */
        @WithDefault("${java.io.tmpdir}/perisai-uploads")
        String spoolDirectory();

        /** Total size of the uploads a replica spools at once; beyond it new bytes are refused with 503. */
        @WithDefault("4G")
        io.quarkus.runtime.configuration.MemorySize spoolMaxSize();

        /** An upload that sends no byte for this long is refused with 408 (nothing stored). */
        @WithDefault("PT30S")
        Duration stallTimeout();

        /**
         * Minimum average transfer rate of an upload, in bytes per second over {@link #rateWindow()}; 0 (the default)
         * sets none, so a slow but steady upload from a village network is never refused.
         */
        @WithDefault("0")
        long minBytesPerSecond();

        /** The window {@link #minBytesPerSecond()} is measured over. */
        @WithDefault("PT60S")
        Duration rateWindow();

        /** Uploads one partner may have in flight on a replica at once; more get 429 too-many-uploads. */
        @WithDefault("4")
        int maxInFlightPerPartner();
    }

    interface IdempotencyConfig {
        /** How long an Idempotency-Key and its response are kept (at least 24 hours). */
        @WithDefault("PT24H")
        Duration retention();

        /** How long an unfinished first request holds its key before a retry may take over. */
        @WithDefault("PT2M")
        Duration inFlightLock();
    }

    interface HttpConfig {
        /** Largest bulk upload body (batches, registry imports); larger ones get 413. */
        @WithDefault("256M")
        io.quarkus.runtime.configuration.MemorySize maxBodySize();

        /** Largest body of the other JSON endpoints. */
        @WithDefault("1M")
        io.quarkus.runtime.configuration.MemorySize maxJsonBodySize();

        /**
         * Largest request head (header names and values); larger ones get a 431 problem. The HTTP layer's own limit
         * ({@code quarkus.http.limits.max-header-size}) must be larger, or it answers first, without a body.
         */
        @WithDefault("20K")
        io.quarkus.runtime.configuration.MemorySize maxHeaderSize();

        /**
         * Longest request URI (path and query) in characters; longer ones get a 414 problem. The HTTP layer's own
         * limit ({@code quarkus.http.limits.max-initial-line-length}) must be larger.
         */
        @WithDefault("4096")
        int maxUriLength();
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
